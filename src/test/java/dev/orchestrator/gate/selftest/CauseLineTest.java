package dev.orchestrator.gate.selftest;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CauseLineTest {

    @Test
    void twoRunsOfTheSameCauseGiveTheSameLine() {
        Map<String, String> statuses = new LinkedHashMap<>();
        statuses.put("AC-05", "passed");
        statuses.put("AC-14", "failed");
        CauseLine first = CauseLine.of("ac14-x", "fail", 1, statuses, Map.of("AC-14",
                "reboot.sh (on the host) in 3.4 s, exit 0; container orchestrator-0lkc3ql8hrx72enbxcmawfej-014714693283 (d8471f2c8631) in /tmp/a/fixtures"),
                "/tmp/a");
        CauseLine second = CauseLine.of("ac14-x", "fail", 1, statuses, Map.of("AC-14",
                "reboot.sh (on the host) in 12.0 s, exit 0; container orchestrator-lq2k1q75ldjtmcbvxdaz2hml-014746386114 (2ec5797b4b4d) in /tmp/b/fixtures"),
                "/tmp/b");
        assertThat(first).isEqualTo(second);
        assertThat(first.text()).isEqualTo("ac14-x: fail exit 1; AC-05 passed, AC-14 failed; AC-14: reboot.sh (on the host) in # s, exit #; "
                + "container orchestrator-<project>-# (#) in <checkout>/fixtures");
    }

    @Test
    void anotherCauseOrStatusGivesAnotherLine() {
        Map<String, String> failed = Map.of("AC-14", "failed");
        assertThat(CauseLine.of("r", "fail", 1, failed, Map.of("AC-14", "nothing rebooted"), "/p"))
                .isNotEqualTo(CauseLine.of("r", "fail", 1, failed, Map.of("AC-14", "the script exited 1"), "/p"));
        assertThat(CauseLine.of("r", "fail", 1, failed, Map.of(), "/p")).isNotEqualTo(CauseLine.of("r", "fail", 1, Map.of("AC-14", "error"), Map.of(), "/p"));
    }
}
