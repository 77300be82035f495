package imago.faultmodel.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import imago.faultmodel.data.DataSetException;
import imago.faultmodel.data.Feature;
import imago.model.fault.FaultType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code classifier} section of {@code fault-model.json}: the features (column names) and,
 * per cluster, its number, fault type and members as distinct value rows with counts. The model
 * module ignores the section; only faultmodel reads it.
 */
public final class ClassifierJson {

    /** The key of the section in {@code fault-model.json}. */
    public static final String KEY = "classifier";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ClassifierJson() {
    }

    public static ObjectNode toNode(ClusterClassifier c) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("distance", "gower");
        root.put("linkage", "average");
        ArrayNode fs = root.putArray("features");
        c.features().forEach(f -> fs.add(f.column()));
        ArrayNode cs = root.putArray("clusters");
        for (ClusterClassifier.Cluster cl : c.clusters()) {
            ObjectNode o = cs.addObject();
            o.put("cluster", cl.number());
            o.put("type", cl.type().number());
            ArrayNode ms = o.putArray("members");
            for (ClusterClassifier.Member m : cl.members()) {
                ObjectNode mo = ms.addObject();
                mo.put("count", m.count());
                ArrayNode vs = mo.putArray("values");
                m.values().forEach(vs::add);
            }
        }
        return root;
    }

    /** Reads the section from a {@code fault-model.json}; problems are one-line {@link DataSetException}s. */
    public static ClusterClassifier read(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new DataSetException(name + ":" + (loc == null ? 0 : loc.getLineNr()) + ":"
                    + (loc == null ? 0 : loc.getColumnNr()) + ": json: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DataSetException(name + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DataSetException(name + ": not a JSON object");
        }
        JsonNode c = root.get(KEY);
        if (c == null || !c.isObject()) {
            throw new DataSetException(name + ": " + KEY + ": missing; a model written by 'imago faultmodel' of this"
                    + " version carries it (re-run it to get one)");
        }
        try {
            if (!"gower".equals(c.path("distance").asText()) || !"average".equals(c.path("linkage").asText())) {
                throw new IllegalArgumentException("only distance gower with average linkage is known");
            }
            List<Feature> features = new ArrayList<>();
            for (JsonNode f : array(c, "features")) {
                features.add(feature(f.asText()));
            }
            List<ClusterClassifier.Cluster> clusters = new ArrayList<>();
            for (JsonNode cl : array(c, "clusters")) {
                int number = integer(cl, "cluster");
                int t = integer(cl, "type");
                if (t < 1 || t > FaultType.values().length) {
                    throw new IllegalArgumentException("cluster " + number + ": type " + t + " is not 1-4");
                }
                List<ClusterClassifier.Member> members = new ArrayList<>();
                for (JsonNode m : array(cl, "members")) {
                    List<String> values = new ArrayList<>();
                    for (JsonNode v : array(m, "values")) {
                        values.add(v.asText());
                    }
                    members.add(new ClusterClassifier.Member(values, integer(m, "count")));
                }
                clusters.add(new ClusterClassifier.Cluster(number, FaultType.values()[t - 1], members));
            }
            return new ClusterClassifier(features, clusters);
        } catch (IllegalArgumentException e) {
            throw new DataSetException(name + ": " + KEY + ": " + e.getMessage());
        }
    }

    private static Feature feature(String column) {
        for (Feature f : Feature.values()) {
            if (f.column().equals(column)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature '" + column + "'");
    }

    private static JsonNode array(JsonNode parent, String key) {
        JsonNode a = parent.get(key);
        if (a == null || !a.isArray() || a.isEmpty()) {
            throw new IllegalArgumentException(key + ": must be a non-empty array");
        }
        return a;
    }

    private static int integer(JsonNode parent, String key) {
        JsonNode v = parent.get(key);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(key + ": must be a whole number");
        }
        return v.intValue();
    }
}
