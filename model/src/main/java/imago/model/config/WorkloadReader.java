package imago.model.config;

import imago.model.dist.Dist;
import imago.model.topology.Tier;
import imago.model.upgrade.SchemaChange;
import imago.model.topology.Topology;
import imago.model.workload.Arrivals;
import imago.model.workload.AsyncInteractions;
import imago.model.workload.RequestType;
import imago.model.workload.Sessions;
import imago.model.workload.Workload;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code workload:}: arrivals, sessions, the request mix and asynchronous interactions. */
final class WorkloadReader {

    private WorkloadReader() {
    }

    static Workload workload(ConfigObject w, Topology topology, Optional<SchemaChange> schema) {
        ConfigObject a = w.object("arrivals");
        Arrivals arrivals;
        if (a.has("profile")) {
            List<Arrivals.RatePoint> points = a.list("profile", (n, p) -> {
                ConfigObject rp = ConfigObject.of(n, p);
                var point = new Arrivals.RatePoint(rp.requiredNumber("at", 0, false), rp.requiredNumber("rate", 0, true));
                rp.done();
                return point;
            });
            if (points.isEmpty()) {
                throw a.error("profile", "must not be empty");
            }
            for (int i = 1; i < points.size(); i++) {
                if (points.get(i).at() <= points.get(i - 1).at()) {
                    throw ConfigObject.located(a.item("profile", i), a.path("profile") + "[" + i + "].at", "must be later than the previous point's");
                }
            }
            if (a.has("rate")) {
                throw a.error("rate", "give either rate or profile, not both");
            }
            arrivals = new Arrivals.Profile(points);
        } else {
            arrivals = new Arrivals.Poisson(a.requiredNumber("rate", 0, true));
        }
        a.done();

        Sessions sessions = w.optionalObject("sessions").map(s -> {
            var v = new Sessions(s.number("requests", 1, 1, false), s.dist("thinkTime", Dist.exponential(5)));
            s.done();
            return v;
        }).orElse(Sessions.single());

        double timeout = w.number("timeout", 5, 0, true);
        Set<String> tierNames = new HashSet<>();
        topology.tiers().forEach(t -> tierNames.add(t.name()));
        List<String> allTiers = topology.tiers().stream().map(Tier::name).toList();
        List<RequestType> mix = w.list("mix", (n, p) -> {
            ConfigObject r = ConfigObject.of(n, p);
            String name = r.string("name");
            double weight = r.number("weight", 1, 0, true);
            boolean write = r.bool("write", false);
            List<String> path = r.strings("path");
            for (int i = 0; i < path.size(); i++) {
                if (!tierNames.contains(path.get(i))) {
                    throw ConfigObject.located(r.item("path", i), r.path("path") + "[" + i + "]", "no tier named '" + path.get(i) + "'");
                }
            }
            Optional<List<String>> tables = r.has("tables") ? Optional.of(tables(r, schema)) : Optional.empty();
            double cost = r.number("cost", 1, 0, true);
            r.done();
            return new RequestType(name, weight, write, path.isEmpty() ? allTiers : path, tables, cost);
        });
        if (mix.isEmpty()) {
            mix = List.of(new RequestType("request", 1, false, allTiers));
        }
        List<RequestType> finalMix = mix;
        AsyncInteractions async = w.optionalObject("async").map(s -> {
            double fraction = s.probability("fraction", 0);
            Dist delay = s.dist("delay", Dist.exponential(5));
            String iface = s.string("interface", "");
            if (fraction > 0 && iface.isEmpty()) {
                throw new ConfigException(s.location(), s.path("interface"), "required when fraction > 0");
            }
            double err = s.probability("errorProbability", 0.5);
            double silent = s.probability("silentProbability", 0.5);
            if (err + silent > 1 + 1e-12) {
                throw s.error("silentProbability", "errorProbability + silentProbability must be <= 1 (was " + (err + silent) + ")");
            }
            List<String> from = s.strings("from");
            for (int i = 0; i < from.size(); i++) {
                String name = from.get(i);
                if (finalMix.stream().noneMatch(t -> t.name().equals(name))) {
                    throw ConfigObject.located(s.item("from", i), s.path("from") + "[" + i + "]",
                            "no request type named '" + name + "' in workload.mix");
                }
            }
            List<String> callbackTables = s.has("tables") ? tables(s, schema) : List.of();
            double cost = s.number("cost", 1, 0, true);
            s.done();
            return new AsyncInteractions(fraction, delay, iface, err, silent, from, callbackTables, cost);
        }).orElse(AsyncInteractions.none());
        w.done();
        return new Workload(arrivals, sessions, mix, async, timeout);
    }

    /** A request type's {@code tables}: names of the schema change's tables, each once. */
    private static List<String> tables(ConfigObject r, Optional<SchemaChange> schema) {
        List<String> known = schema.map(SchemaChange::tableNames).orElse(List.of());
        List<String> tables = r.strings("tables");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tables.size(); i++) {
            String p = r.path("tables") + "[" + i + "]";
            if (!known.contains(tables.get(i))) {
                throw ConfigObject.located(r.item("tables", i), p, "no table named '" + tables.get(i) + "' in upgrade.schema.tables"
                        + (known.isEmpty() ? " (the upgrade changes no schema)" : " (expected one of " + String.join(", ", known) + ")"));
            }
            if (!seen.add(tables.get(i))) {
                throw ConfigObject.located(r.item("tables", i), p, "listed twice");
            }
        }
        return tables;
    }
}
