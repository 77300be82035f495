package imago.model.plan;

import java.util.List;

/**
 * A rollout's progress deadline (Kubernetes' progressDeadlineSeconds, Argo Rollouts'
 * progressDeadlineAbort): the rollout progresses when a new-version production node becomes ready;
 * when longer than {@code seconds} passes without progress, the rollout has not progressed in time,
 * and with {@code abort} it is rolled back. A data conversion is not the rollout's (Kubernetes
 * knows nothing of the schema): its time does not count, the clock restarts when it ends. Both
 * backends check it at the end of each planned group with a {@link Watch}, so it means the same in both.
 */
public record ProgressDeadline(double seconds, boolean abort) {

    public ProgressDeadline {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("progressDeadline: must be > 0 (was " + seconds + ")");
        }
    }

    /** A run's clock for the deadline, started with the plan. */
    public Watch watch(double startS) {
        return new Watch(this, startS);
    }

    /** What a run's deadline clock says after a group. */
    public enum Verdict { ON_TIME, EXCEEDED }

    /** The clock of one run: mutable, owned by the runner. */
    public static final class Watch {
        private final ProgressDeadline deadline;
        private double lastProgressS;
        private boolean exceeded;

        private Watch(ProgressDeadline deadline, double startS) {
            this.deadline = deadline;
            this.lastProgressS = startS;
        }

        /**
         * A planned group ended at {@code nowS}, leaving the run in {@code state}. EXCEEDED once, the
         * first time the gap since the last progress passes the deadline.
         */
        public Verdict groupDone(List<PlannedStep> group, double nowS, StateView state) {
            if (group.stream().anyMatch(ps -> ps.step() instanceof Step.ConvertData)) {
                lastProgressS = nowS;
                return Verdict.ON_TIME;
            }
            boolean late = nowS - lastProgressS > deadline.seconds();
            if (group.stream().anyMatch(ps -> progresses(ps.step(), state))) {
                lastProgressS = nowS;
            }
            if (late && !exceeded) {
                exceeded = true;
                return Verdict.EXCEEDED;
            }
            return Verdict.ON_TIME;
        }

        public boolean exceeded() {
            return exceeded;
        }

        private static boolean progresses(Step step, StateView state) {
            return switch (step) {
                case Step.Start s -> s.universe() == Universe.PRODUCTION && s.targets().stream()
                        .anyMatch(n -> state.node(Universe.PRODUCTION, n).newVersion() && state.node(Universe.PRODUCTION, n).serving());
                case Step.ConvertData c -> false; // not the rollout's: see groupDone
                case Step.Provision s -> false;
                case Step.Drain s -> false;
                case Step.Wait s -> false;
                case Step.Stop s -> false;
                case Step.Install s -> false;
                case Step.Configure s -> false;
                case Step.SyncData s -> false;
                case Step.RuntimeTest s -> false;
                case Step.Switch s -> false;
                case Step.Retire s -> false;
                case Step.Rollback s -> false;
                case Step.SetWeight s -> false; // a canary has no progress deadline
                case Step.Analysis s -> false;
            };
        }
    }
}
