package dev.orchestrator.gate.selftest;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CauseLineTest {

    @Test
    void twoRunsOfTheSameCauseGiveTheSameLine() {
        Map<String, String> statuses = new LinkedHashMap<>();
        statuses.put("AC-05", "passed");
        statuses.put("AC-14", "passed");
        CauseLine first = CauseLine.of("ac14-x", "partial", 0, statuses, Map.of("AC-14", CauseLine.summary(
                "reboot.sh (on the host) in 3.4 s, exit 0; container orchestrator-0lkc3ql8hrx72enbxcmawfej-014714693283 (d8471f2c8631) in /tmp/a/fixtures",
                "/tmp/a")));
        CauseLine second = CauseLine.of("ac14-x", "partial", 0, statuses, Map.of("AC-14", CauseLine.summary(
                "reboot.sh (on the host) in 12.0 s, exit 0; container orchestrator-lq2k1q75ldjtmcbvxdaz2hml-014746386114 (2ec5797b4b4d) in /tmp/b/fixtures",
                "/tmp/b")));
        assertThat(first).isEqualTo(second);
        assertThat(first.text()).isEqualTo("ac14-x: partial exit 0; AC-05 passed, AC-14 passed; AC-14: reboot.sh (on the host) in # s, exit 0; "
                + "container orchestrator-<project>-# (#) in <checkout>/fixtures");
    }

    @Test
    void criteriaHttpStatusesAndExitCodesAreKept() {
        assertThat(CauseLine.invariant("AC-14 answered HTTP 503 after 12.5 s, exit 1, 3 probes"))
                .isEqualTo("AC-14 answered HTTP 503 after # s, exit 1, # probes");
    }

    @Test
    void aFailuresCauseIsItsProblemCodesAsTheyAre() {
        Map<String, String> failed = Map.of("AC-20", "failed");
        assertThat(CauseLine.of("r", "fail", 1, failed, Map.of("AC-20", CauseLine.problems(List.of("health-not-200")))).text())
                .isEqualTo("r: fail exit 1; AC-20 failed; AC-20: problems health-not-200");
        assertThat(CauseLine.of("r", "fail", 1, failed, Map.of("AC-20", CauseLine.problems(List.of("health-not-200")))))
                .isNotEqualTo(CauseLine.of("r", "fail", 1, failed, Map.of("AC-20", CauseLine.problems(List.of("container-changed", "health-not-200")))));
        assertThat(CauseLine.of("r", "fail", 1, failed, Map.of())).isNotEqualTo(CauseLine.of("r", "fail", 1, Map.of("AC-20", "error"), Map.of()));
    }
}
