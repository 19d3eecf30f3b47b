package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.catalogue.Criterion;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictsTest {

    private static final Set<String> ALL = Criterion.selection("");

    private static RunRecord allPassed() {
        RunRecord r = new RunRecord();
        Arrays.stream(Criterion.values()).forEach(c -> r.result(c).status = Status.passed);
        return r;
    }

    @Test
    void passOnlyWhenEverythingSelectedAndEveryBlockingPassed() {
        RunRecord r = allPassed();
        Verdicts.decide(r, ALL, false, false);
        assertThat(r.verdict).isEqualTo("pass");
        assertThat(r.exitCode).isZero();
        assertThat(r.headline).isEqualTo("PASS");
    }

    @Test
    void notApplicableByConfigurationPassesButTheHeadlineNamesWhatWasNotProven() {
        RunRecord r = allPassed();
        r.result(Criterion.AC_10).status = Status.not_applicable;
        r.result(Criterion.AC_10).summary = "not applicable: no edge proxy in the path";
        Verdicts.decide(r, ALL, false, false);
        assertThat(r.verdict).isEqualTo("pass");
        assertThat(r.headline).isEqualTo("PASS; not proven: AC-10 (no edge proxy in the path)");
    }

    @Test
    void aBlockingFailureBlocksTheRelease() {
        RunRecord r = allPassed();
        r.result(Criterion.AC_09).status = Status.failed;
        Verdicts.decide(r, ALL, false, false);
        assertThat(r.verdict).isEqualTo("fail");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.failedCriteria).containsExactly("AC-09");
    }

    @Test
    void advisoryFailuresBlockOnlyWhenStrict() {
        RunRecord r = allPassed();
        r.result(Criterion.AC_15).status = Status.failed;
        Verdicts.decide(r, ALL, false, false);
        assertThat(r.verdict).isEqualTo("pass");
        Verdicts.decide(r, ALL, true, false);
        assertThat(r.verdict).isEqualTo("fail");
    }

    @Test
    void aUserSelectionIsAtBestPartialAndMayEndGreen() {
        RunRecord r = allPassed();
        Set<String> selected = Criterion.selection("AC-06");
        Arrays.stream(Criterion.values()).filter(c -> !selected.contains(c.id())).forEach(c -> r.result(c).status = Status.not_run);
        Verdicts.decide(r, selected, false, false);
        assertThat(r.verdict).isEqualTo("partial");
        assertThat(r.exitCode).isZero();
    }

    @Test
    void aSelectedCriterionThatCouldNotProveItsPointIsPartialAndNeverExitZero() {
        RunRecord r = allPassed();
        r.result(Criterion.AC_09).status = Status.not_run;
        r.result(Criterion.AC_09).summary = "not run: a 20 s soak cannot prove an idle WebSocket survives";
        Verdicts.decide(r, ALL, false, false);
        assertThat(r.verdict).isEqualTo("partial");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.headline).contains("not proven: AC-09 (a 20 s soak cannot prove");
    }

    @Test
    void anErrorAnywhereSelectedIsAnErrorEvenBesideAFailureOrInAnAdvisoryCriterion() {
        RunRecord r = allPassed();
        r.result(Criterion.AC_03).status = Status.error;
        r.result(Criterion.AC_04).status = Status.failed;
        Verdicts.decide(r, ALL, false, false);
        assertThat(r.verdict).isEqualTo("error");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.failedCriteria).containsExactly("AC-03", "AC-04");
        assertThat(r.headline).isEqualTo("ERROR, failed: AC-04; could not be evaluated: AC-03");
        RunRecord advisory = allPassed();
        advisory.result(Criterion.AC_15).status = Status.error;
        Verdicts.decide(advisory, ALL, false, false);
        assertThat(advisory.verdict).isEqualTo("error");
    }

    @Test
    void criteriaThePlanLeftOutAreNamedOnceWithTheirCauseNotAsFailures() {
        RunRecord r = allPassed();
        for (Criterion c : new Criterion[] {Criterion.AC_14, Criterion.AC_15}) {
            r.result(c).status = Status.error;
            r.result(c).summary = "could not be evaluated: not in the test plan: excluded by -DexcludedGroups=AC-14,AC-15";
        }
        Verdicts.decide(r, ALL, false, false);
        assertThat(r.headline).isEqualTo("ERROR; could not be evaluated: AC-14, AC-15 (not in the test plan: excluded by -DexcludedGroups=AC-14,AC-15)");
    }

    @Test
    void anErrorOutsideTheSelectionDoesNotCount() {
        RunRecord r = allPassed();
        r.result(Criterion.AC_14).status = Status.error;
        Verdicts.decide(r, Criterion.selection("AC-06"), false, false);
        assertThat(r.verdict).isEqualTo("partial");
    }

    @Test
    void refusalTeardownProblemsAndInterruptionsMeanTheGateCouldNotDecide() {
        RunRecord refused = new RunRecord();
        refused.gateError = "pre-flight refused";
        Verdicts.decide(refused, ALL, false, false);
        assertThat(refused.verdict).isEqualTo("error");
        assertThat(refused.exitCode).isEqualTo(2);
        assertThat(refused.headline).isEqualTo("ERROR: the gate could not run: pre-flight refused");
        RunRecord leftovers = allPassed();
        leftovers.teardownProblems.add("network ogate-x: in use");
        Verdicts.decide(leftovers, ALL, false, false);
        assertThat(leftovers.verdict).isEqualTo("error");
        RunRecord interrupted = allPassed();
        Verdicts.decide(interrupted, ALL, false, true);
        assertThat(interrupted.verdict).isEqualTo("interrupted");
        assertThat(interrupted.exitCode).isEqualTo(2);
    }

    @Test
    void checklistTicksOnlyPassed() {
        assertThat(ReportView.box(Status.passed)).isEqualTo("x");
        assertThat(ReportView.box(Status.not_applicable)).isEqualTo("-");
        assertThat(ReportView.box(Status.not_run)).isEqualTo(" ");
        assertThat(ReportView.box(Status.failed)).isEqualTo(" ");
        assertThat(ReportView.box(Status.error)).isEqualTo(" ");
    }
}
