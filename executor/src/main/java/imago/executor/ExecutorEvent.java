package imago.executor;

import imago.model.plan.PlannedStep;

/** What a run reports while it goes on: for progress display, and for tests that watch it. */
public sealed interface ExecutorEvent {

    /** A child process started (a database server, an application node, a port squatter). */
    record ProcessStarted(String name, long pid, int port) implements ExecutorEvent {
    }

    /** The ingress listens. */
    record IngressStarted(int port) implements ExecutorEvent {
    }

    record StepStarted(PlannedStep step) implements ExecutorEvent {
    }

    record StepFinished(PlannedStep step, String status, String detail) implements ExecutorEvent {
    }

    /** Anything else worth a line: a phase began, a fault was detected, ... */
    record Note(String text) implements ExecutorEvent {
    }
}
