package dev.orchestrator.gate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The trend compares a run with earlier runs of the same target only, flags what crossed a threshold, and says status changes. */
class TrendTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String report(String sha, double resetMax, String ac11) {
        return "{\"target\":{\"mode\":\"stack\",\"compose_files\":[{\"path\":\"f.yml\",\"sha256\":\"" + sha + "\"}]},"
                + "\"timings\":{\"overhead_s\":40,\"reset_latency_ms\":{\"median\":60,\"max\":" + resetMax + "}},"
                + "\"criteria\":[{\"id\":\"AC-11\",\"status\":\"" + ac11 + "\",\"measurements\":{\"budget_ms\":1000}}]}";
    }

    private static void earlier(Path dir, String folder, String json) throws Exception {
        Files.createDirectories(dir.resolve(folder));
        Files.writeString(dir.resolve(folder).resolve(ReportWriter.JSON_FILE), json);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSecondRunSeesTheFirstOfItsTargetOnly(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 4; i++) {
            earlier(dir, "20261201T10000" + i + "Z", report("aaa", 70, "passed"));
        }
        earlier(dir, "20261201T100009Z", report("bbb", 9000, "failed")); // another target: never compared
        JsonNode now = JSON.readTree(report("aaa", 600, "failed"));
        Map<String, Object> trend = Trend.of(now, dir);
        assertThat(trend.get("compared_runs")).isEqualTo(4);
        Map<String, Object> max = ((List<Map<String, Object>>) trend.get("figures")).stream().filter(f -> f.get("name").equals("reset latency max")).findFirst()
                .orElseThrow();
        assertThat(max).containsEntry("previous", 70.0).containsEntry("change", 530.0).containsEntry("flag", "doubled or more since the last run");
        assertThat((List<Double>) max.get("history")).containsExactly(70.0, 70.0, 70.0, 70.0, 600.0);
        assertThat((List<Map<String, Object>>) trend.get("criteria")).singleElement()
                .satisfies(c -> assertThat(c.get("line")).isEqualTo("AC-11 failed; passed in the last 4 runs"));
    }

    @Test
    void aFirstRunComparesWithNothing(@TempDir Path dir) throws Exception {
        Map<String, Object> trend = Trend.of(JSON.readTree(report("aaa", 70, "passed")), dir);
        assertThat(trend.get("compared_runs")).isEqualTo(0);
        assertThat((List<?>) trend.get("criteria")).isEmpty();
    }
}
