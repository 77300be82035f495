package imago.experiments.lint;

import imago.experiments.report.Numbers;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.util.ArrayList;
import java.util.List;

/** The conversion into the parallel universe is not faster than the peak write rate. */
record SyncCannotConverge() implements Rule {
    @Override
    public String name() {
        return "sync-cannot-converge";
    }

    @Override
    public String doc() {
        return "the incremental sync into the parallel universe converts no faster than production writes at its peak, so its backlog never empties";
    }

    @Override
    public List<Finding> check(Subject s) {
        List<Finding> out = new ArrayList<>();
        double peakWrites = s.experiment().workload().arrivals().maxRate() * s.experiment().workload().writeFraction();
        for (int k = 0; k < s.plans().size(); k++) {
            for (PlannedStep p : s.plans().get(k).steps()) {
                if (p.step() instanceof Step.SyncData sync && sync.rate() <= Math.max(peakWrites, sync.writeRate())) {
                    boolean never = !sync.converges();
                    out.add(new Finding(never ? Finding.Severity.ERROR : Finding.Severity.WARNING, name(),
                            s.at(s.experiment().upgrade().schema().flatMap(x -> x.parallelRate().isPresent()
                                    ? java.util.Optional.of("upgrade.schema.parallelRate") : java.util.Optional.empty())
                                    .orElse("upgrade.schema.conversionRate")),
                            "scenario '" + s.scenarios().get(k).name() + "': the sync converts " + Numbers.format(sync.rate())
                                    + " rows/s, production writes " + Numbers.format(sync.writeRate()) + " rows/s on average and "
                                    + Numbers.format(peakWrites) + " at its peak; " + (never ? "it never converges"
                                    : "it falls behind at the peak"), List.of(p.number())));
                }
            }
        }
        return out;
    }
}
