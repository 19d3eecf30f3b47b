package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.catalogue.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.orchestrator.gate.report.TestRuns.ALL;
import static dev.orchestrator.gate.report.TestRuns.allPassed;
import static dev.orchestrator.gate.report.TestRuns.failed;
import static dev.orchestrator.gate.report.TestRuns.judge;
import static dev.orchestrator.gate.report.TestRuns.report;
import static org.assertj.core.api.Assertions.assertThat;

/** The verdict and the exit code it carries, exactly as the catalogue defines them. */
class VerdictsTest {

    /** The banner colour of a run that may ship without a waiver. */
    private static final String GREEN = "#1f7a3a";

    @Test
    void passOnlyWhenEverythingSelectedAndEveryBlockingPassed() {
        Report r = report(allPassed());
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.exitCode()).isZero();
        assertThat(r.headline()).isEqualTo("PASS");
    }

    @Test
    void notApplicableByConfigurationPassesButTheHeadlineNamesWhatWasNotProven() {
        RunRecord run = allPassed();
        judge(run, Criterion.AC_10, Outcome.notApplicable("no edge proxy in the path"));
        Report r = report(run);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.headline()).isEqualTo("PASS; not proven: AC-10 (no edge proxy in the path)");
    }

    @Test
    void aBlockingFailureBlocksTheRelease() {
        RunRecord run = allPassed();
        judge(run, Criterion.AC_09, failed(ProblemCode.WS_DROPPED, "direct WebSocket dropped"));
        Report r = report(run);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.failedCriteria()).containsExactly("AC-09");
    }

    @Test
    void advisoryFailuresBlockOnlyWhenStrict() {
        RunRecord run = allPassed();
        judge(run, Criterion.AC_15, failed(ProblemCode.SECOND_SERVER, "a second server"));
        assertThat(report(run, ALL, false, false).verdict()).isEqualTo(Verdict.PASS);
        assertThat(report(allPassedWithAdvisoryFailure(), ALL, true, false).verdict()).isEqualTo(Verdict.FAIL);
    }

    private static RunRecord allPassedWithAdvisoryFailure() {
        RunRecord run = allPassed();
        judge(run, Criterion.AC_15, failed(ProblemCode.SECOND_SERVER, "a second server"));
        return run;
    }

    @Test
    void aUserSelectionIsAtBestPartialAndMayEndGreen() {
        RunRecord run = allPassed();
        Set<String> selected = Criterion.selection("AC-06");
        Arrays.stream(Criterion.values()).filter(c -> !selected.contains(c.id())).forEach(c -> judge(run, c, Outcome.notRun("not selected")));
        Report r = report(run, selected, false, false);
        assertThat(r.verdict()).isEqualTo(Verdict.PARTIAL);
        assertThat(r.exitCode()).isZero();
        assertThat(r.verdict().banner(false)).as("a partial that may ship").isEqualTo("partial");
    }

    @Test
    void aSelectedCriterionThatCouldNotProveItsPointIsPartialAndNeverExitZero() {
        RunRecord run = allPassed();
        judge(run, Criterion.AC_09, Outcome.notRun("a 20 s soak cannot prove an idle WebSocket survives"));
        Report r = report(run);
        assertThat(r.verdict()).isEqualTo(Verdict.PARTIAL_UNPROVEN);
        assertThat(r.verdict().word()).as("the JSON's word").isEqualTo("partial");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.verdict().banner(false)).as("never drawn green").isEqualTo("unproven");
        assertThat(r.headline()).contains("not proven: AC-09 (a 20 s soak cannot prove");
    }

    @Test
    void anErrorAnywhereSelectedIsAnErrorEvenBesideAFailureOrInAnAdvisoryCriterion() {
        RunRecord run = allPassed();
        judge(run, Criterion.AC_03, Outcome.error("the engine went away"));
        judge(run, Criterion.AC_04, failed(ProblemCode.REMOVED_FOREIGN_RESOURCE, "network staging-metrics"));
        Report r = report(run);
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.failedCriteria()).containsExactly("AC-03", "AC-04");
        assertThat(r.headline()).isEqualTo("ERROR, failed: AC-04; could not be evaluated: AC-03 (the engine went away)");
        RunRecord advisory = allPassed();
        judge(advisory, Criterion.AC_15, Outcome.error("x"));
        assertThat(report(advisory).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void criteriaThePlanLeftOutAreNamedOnceWithTheirCauseNotAsFailures() {
        RunRecord run = allPassed();
        for (Criterion c : List.of(Criterion.AC_14, Criterion.AC_15)) {
            judge(run, c, Outcome.error("not in the test plan: excluded by -DexcludedGroups=AC-14,AC-15"));
        }
        assertThat(report(run).headline())
                .isEqualTo("ERROR; could not be evaluated: AC-14, AC-15 (not in the test plan: excluded by -DexcludedGroups=AC-14,AC-15)");
    }

    @Test
    void anErrorOutsideTheSelectionDoesNotCount() {
        RunRecord run = allPassed();
        judge(run, Criterion.AC_14, Outcome.error("x"));
        assertThat(report(run, Criterion.selection("AC-06"), false, false).verdict()).isEqualTo(Verdict.PARTIAL);
    }

    @Test
    void refusalTeardownProblemsAndInterruptionsMeanTheGateCouldNotDecide() {
        RunRecord refused = new RunRecord();
        refused.refused("pre-flight refused");
        Report r = report(refused);
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.headline()).isEqualTo("ERROR: the gate could not run: pre-flight refused");
        assertThat(r.criteria()).allSatisfy(c -> assertThat(c.summary()).isEqualTo("not run: the gate could not run"));
        RunRecord leftovers = allPassed();
        leftovers.tornDown(List.of("network ogate-x: in use"));
        assertThat(report(leftovers).verdict()).isEqualTo(Verdict.ERROR);
        Report interrupted = report(allPassed(), ALL, false, true);
        assertThat(interrupted.verdict()).isEqualTo(Verdict.INTERRUPTED);
        assertThat(interrupted.exitCode()).isEqualTo(2);
    }

    @Test
    void aCriterionThePlanNeverReachedIsJudgedOverTheCatalogue() {
        RunRecord run = new RunRecord();
        Arrays.stream(Criterion.values()).filter(c -> c != Criterion.AC_20).forEach(c -> judge(run, c, Outcome.passed("ok")));
        Report r = report(run);
        assertThat(r.criterion("AC-20").orElseThrow().status()).isEqualTo(Status.error);
        assertThat(r.criterion("AC-20").orElseThrow().summary()).isEqualTo("could not be evaluated: selected, but the test plan ended without running it");
    }

    @Test
    void checklistTicksOnlyPassed() {
        assertThat(ReportView.box(Status.passed)).isEqualTo("x");
        assertThat(ReportView.box(Status.not_applicable)).isEqualTo("-");
        assertThat(ReportView.box(Status.not_run)).isEqualTo(" ");
        assertThat(ReportView.box(Status.failed)).isEqualTo(" ");
        assertThat(ReportView.box(Status.error)).isEqualTo(" ");
    }

    @Test
    void onlyARunThatMayShipIsDrawnGreen() throws Exception {
        String css = new String(VerdictsTest.class.getResourceAsStream("/report/report.html.mustache").readAllBytes(), StandardCharsets.UTF_8);
        for (Verdict v : Verdict.values()) {
            for (boolean waived : List.of(false, true)) {
                String banner = v.banner(waived);
                Matcher rule = Pattern.compile("(?:^|[,}\\s])\\.v-" + banner + "(?:,[^{]*)?\\{background:(#[0-9a-f]{6})\\}").matcher(css);
                assertThat(rule.find()).as("the HTML draws the banner %s (%s)", banner, v).isTrue();
                assertThat(rule.group(1).equals(GREEN)).as("%s (exit %d) drawn green", v, v.exitCode()).isEqualTo(v.exitCode() == 0 && !waived);
            }
        }
    }
}
