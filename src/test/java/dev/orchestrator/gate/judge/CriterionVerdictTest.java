package dev.orchestrator.gate.judge;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.report.CriterionResult;
import dev.orchestrator.gate.report.RunRecord;
import dev.orchestrator.gate.waivers.WaiverUse;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** What JUnit (and so Maven) is told: an advisory failure never fails the build; a blocking one and an error do. */
class CriterionVerdictTest {

    /** One test per kind of outcome, as the adapter reports them (never run by Surefire itself: a nested fixture). */
    static class Outcomes {
        @Test
        void advisoryFailure() {
            new CriterionVerdict(Criterion.AC_15, Status.failed, "a second server", false, Optional.empty()).report();
        }

        @Test
        void blockingFailure() {
            new CriterionVerdict(Criterion.AC_11, Status.failed, "5 of 5 resets answered HTTP 500", true, Optional.empty()).report();
        }

        @Test
        void error() {
            new CriterionVerdict(Criterion.AC_02, Status.error, "could not be evaluated: docker client closed", true, Optional.empty()).report();
        }

        @Test
        void waivedBlockingFailure() {
            CriterionResult result = new RunRecord().result(Criterion.AC_16);
            WaiverUse waiver = new WaiverUse("AC-16", "reset 500, ticket 412", "ops@example.com", "2026-12-15", List.of(ProblemCode.RESET_HTTP_STATUS),
                    WaiverUse.State.applied, "waived: AC-16 (expires 2026-12-15, ops@example.com: reset 500, ticket 412)", List.of());
            result.judged(Outcome.failed(Problem.of(ProblemCode.RESET_HTTP_STATUS, "the reset answered HTTP 500")), Duration.ZERO, Optional.of(waiver));
            CriterionVerdict.of(Criterion.AC_16, result, true).report();
        }

        @Test
        void notApplicable() {
            new CriterionVerdict(Criterion.AC_10, Status.not_applicable, "not applicable: no edge", true, Optional.empty()).report();
        }

        @Test
        void passed() {
            new CriterionVerdict(Criterion.AC_05, Status.passed, "deployed", true, Optional.empty()).report();
        }
    }

    @Test
    void onlyCountedFailuresAndErrorsFailTheirTest() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request().selectors(selectClass(Outcomes.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsFailedCount()).as("blocking failure and error").isEqualTo(2);
        assertThat(summary.getTestsAbortedCount()).as("advisory failure, waived failure (also with strict) and not applicable: skipped with their reason")
                .isEqualTo(3);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getFailures()).extracting(f -> f.getException().getMessage())
                .containsExactlyInAnyOrder("AC-11 failed: 5 of 5 resets answered HTTP 500", "AC-02 could not be evaluated: docker client closed");
    }
}
