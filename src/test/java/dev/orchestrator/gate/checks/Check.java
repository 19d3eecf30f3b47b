package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.catalogue.Outcome;

/**
 * One criterion's check: it first establishes that it can prove its point, then proves it. It is handed
 * what it needs (the stack, the soak window, the browser tab, the reset round) when it is made, records
 * its measurements and evidence in {@link Findings}, and returns its {@link Outcome}; it never decides
 * the verdict, and an advisory outcome is never thrown.
 */
@FunctionalInterface
public interface Check {

    /**
     * The outcome of the criterion on this target. A failed AssertJ assertion or a timed-out wait thrown
     * from here is a {@code failed} outcome with its description as the summary; any other exception
     * means the check could not be evaluated ({@code error}).
     */
    Outcome check(Findings findings);
}
