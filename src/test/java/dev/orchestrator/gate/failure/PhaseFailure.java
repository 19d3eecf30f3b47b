package dev.orchestrator.gate.failure;

import dev.orchestrator.gate.catalogue.Criterion;

/** A phase's shared set-up failed (the soak window could not open): its criteria could not be evaluated, naming the cause. */
public final class PhaseFailure extends RuntimeException {

    public PhaseFailure(Criterion.Phase phase, Throwable cause) {
        super("the phase '" + phase.title() + "' failed before it ran: " + FailureSummary.summarize(cause), cause);
    }
}
