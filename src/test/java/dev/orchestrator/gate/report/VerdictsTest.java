package dev.orchestrator.gate.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictsTest {

    private static RunRecord allPassed() {
        RunRecord r = new RunRecord();
        Arrays.stream(Criterion.values()).forEach(c -> r.result(c).status = Status.passed);
        return r;
    }

    @Test
    void passOnlyWhenAllFifteenSelectedAndEveryBlockingPassed() {
        RunRecord r = allPassed();
        Verdicts.decide(r, true, false, false);
        assertThat(r.verdict).isEqualTo("pass");
        assertThat(r.exitCode).isZero();
    }

    @Test
    void aBlockingFailureBlocksTheRelease() {
        RunRecord r = allPassed();
        r.result(Criterion.AC_09).status = Status.failed;
        Verdicts.decide(r, true, false, false);
        assertThat(r.verdict).isEqualTo("fail");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.failedCriteria).containsExactly("AC-09");
    }

    @Test
    void advisoryFailuresBlockOnlyWhenStrict() {
        RunRecord r = allPassed();
        r.result(Criterion.AC_15).status = Status.failed;
        Verdicts.decide(r, true, false, false);
        assertThat(r.verdict).isEqualTo("pass");
        Verdicts.decide(r, true, true, false);
        assertThat(r.verdict).isEqualTo("fail");
    }

    @Test
    void aSelectionIsAtBestPartial() {
        RunRecord r = new RunRecord();
        r.result(Criterion.AC_06).status = Status.passed;
        Verdicts.decide(r, false, false, false);
        assertThat(r.verdict).isEqualTo("partial");
        assertThat(r.exitCode).isZero();
    }

    @Test
    void errorsAndInterruptionsMeanTheGateCouldNotDecide() {
        RunRecord r = allPassed();
        r.result(Criterion.AC_03).status = Status.error;
        Verdicts.decide(r, true, false, false);
        assertThat(r.verdict).isEqualTo("error");
        assertThat(r.exitCode).isEqualTo(2);
        RunRecord refused = new RunRecord();
        refused.gateError = "pre-flight refused";
        Verdicts.decide(refused, true, false, false);
        assertThat(refused.verdict).isEqualTo("error");
        RunRecord interrupted = allPassed();
        Verdicts.decide(interrupted, true, false, true);
        assertThat(interrupted.verdict).isEqualTo("interrupted");
        assertThat(interrupted.exitCode).isEqualTo(2);
    }
}
