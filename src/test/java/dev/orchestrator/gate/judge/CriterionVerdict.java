package dev.orchestrator.gate.judge;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.checks.Findings;
import dev.orchestrator.gate.failure.FailureSummary;
import dev.orchestrator.gate.failure.PhaseFailure;
import dev.orchestrator.gate.failure.ServiceFailure;
import dev.orchestrator.gate.report.CriterionResult;
import dev.orchestrator.gate.waivers.WaiverUse;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.Optional;

/**
 * What JUnit is told about a judged criterion, so that Maven, IDEs and JUnit XML agree with the report:
 * a counted failure fails the test, a check that could not be evaluated errs, and everything else passes
 * or is skipped with its reason. An advisory failure is skipped ("reported, not blocking"), never thrown
 * as a failure: it does not fail the build unless acceptance.strict=true.
 */
public record CriterionVerdict(Criterion criterion, Status status, String summary, boolean counted, Optional<String> waiver) {

    static CriterionVerdict of(Criterion criterion, CriterionResult result, boolean strict) {
        Optional<String> waiver = result.waived().map(WaiverUse::line);
        return new CriterionVerdict(criterion, result.status(), result.summary(), waiver.isEmpty() && (criterion.blocking() || strict), waiver);
    }

    /** Returns for a pass; throws what JUnit reports for everything else. */
    public void report() {
        switch (status) {
            case passed -> {
            }
            case failed -> {
                if (counted) {
                    throw new AssertionFailedError(criterion.id() + " failed: " + summary);
                }
                if (waiver.isPresent()) {
                    throw new TestAbortedException(criterion.id() + " failed, " + waiver.get() + "; not blocking: " + summary);
                }
                throw new TestAbortedException(criterion.id() + " (advisory) failed, reported, not blocking: " + summary);
            }
            case error -> throw new CriterionError(criterion.id() + " " + summary);
            default -> throw new TestAbortedException(criterion.id() + " " + summary);
        }
    }

    /**
     * The outcome of a check that threw, decided by what was observed: a {@link ServiceFailure} (what the stack under
     * test did: its answer, its containers, a request it did not answer) is the stack's failure; anything else (a
     * phase's set-up, the gate's planting, the engine's API, a TLS or DNS error, the browser driver, a wait of the
     * gate's own, the gate's own code, a plain assertion of the gate's own) could not be evaluated: error, exit 2.
     */
    static Outcome outcomeOf(Throwable t, Findings findings) {
        findings.evidence(t instanceof ServiceFailure ? "failed checks" : "error", t.getClass().getSimpleName() + ": " + FailureSummary.details(t));
        if (t instanceof ServiceFailure failure) {
            return Outcome.failed(failure.problems());
        }
        return Outcome.error(t instanceof PhaseFailure ? t.getMessage() : FailureSummary.summarize(t));
    }

    /** Whether a thrown {@code t} is the stack's failure (exit 1) rather than the gate's (exit 2): only a {@link ServiceFailure}, never a phase's set-up. */
    static boolean isServiceFailure(Throwable t) {
        return t instanceof ServiceFailure;
    }

    /** A criterion that could not be evaluated: JUnit shows it as an error, not a failure. */
    static final class CriterionError extends RuntimeException {
        CriterionError(String message) {
            super(message, null, false, false);
        }
    }
}
