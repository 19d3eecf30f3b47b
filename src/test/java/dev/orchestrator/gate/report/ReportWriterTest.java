package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.catalogue.Criterion;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    private static RunRecord sample() {
        RunRecord r = new RunRecord();
        r.target.service = "orchestrator";
        r.target.port = 9403;
        r.target.baseUrl = "http://127.0.0.1:9403";
        r.target.composeFiles.add(new RunRecord.ComposeFile("fixtures/stack/docker-compose.yml", "a".repeat(64)));
        for (Criterion c : Criterion.values()) {
            CriterionResult res = r.result(c);
            res.status = Status.passed;
            res.summary = c.id() + " <ok> & fine";
        }
        r.result(Criterion.AC_09).measurements.put("timeline", Map.of("soak_s", 120, "proxy_idle_s", 100,
                "connections", List.of(Map.of("label", "direct", "keepalives", List.of(20.0, 40.0))), "resets", List.of(3.0)));
        r.result(Criterion.AC_11).measurements.put("latencies_ms", List.of(70, 80, 90, 75, 72));
        r.result(Criterion.AC_11).evidence.add(new CriterionResult.Evidence("response", "<script>alert(1)</script>"));
        r.result(Criterion.AC_16).attachments.add(new CriterionResult.Attachment("before the click", "AC-16-before.png", "image/png", PNG));
        var reboot = new dev.orchestrator.gate.availability.ActionWindow("AC-14", "the reboot", 130, 133, List.of(
                new dev.orchestrator.gate.availability.LaneOutage("application", 2.1, 2.1, List.of(new dev.orchestrator.gate.availability.Gap(130.5, 132.6, "ConnectException", "GET /health 200")), false),
                new dev.orchestrator.gate.availability.LaneOutage("users", 31.2, 31.2, List.of(new dev.orchestrator.gate.availability.Gap(130.6, 161.8, "x stopped", "x healthy")), false)));
        r.result(Criterion.AC_14).availability = reboot;
        r.availability = new dev.orchestrator.gate.availability.Availability.Report("2026-12-02T03:00:00Z", 170, "derived",
                Map.of("application", List.of(new dev.orchestrator.gate.availability.Gap(130.5, 132.6, "ConnectException", "GET /health 200")),
                        "users", List.of(new dev.orchestrator.gate.availability.Gap(130.6, 161.8, "x stopped", "x healthy"))),
                List.of(reboot), List.of(new dev.orchestrator.gate.availability.Availability.Span("soak", 8, 128)));
        Verdicts.decide(r, Criterion.selection(""), false, false);
        r.finishedAt = r.startedAt;
        return r;
    }

    /** The 8-byte PNG signature: enough to stand for a screenshot. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void writesValidJsonAndEscapedHtmlAndRefreshesLatest(@TempDir Path dir) throws Exception {
        Path run = new ReportWriter().write(sample(), dir);
        var json = new ObjectMapper().readTree(run.resolve(ReportWriter.JSON_FILE).toFile());
        assertThat(ReportWriter.validate(json)).isEmpty();
        assertThat(json.path("schema_version").asText()).isEqualTo("1");
        assertThat(json.path("criteria")).hasSize(Criterion.values().length);
        assertThat(dir.resolve("latest").resolve("AC-16-before.png")).hasBinaryContent(PNG);
        String html = Files.readString(dir.resolve("latest").resolve(ReportWriter.HTML_FILE));
        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;")
                .contains("id=\"soak-timeline\"").contains("class=\"keepalive\"").contains("id=\"reset-latency\"")
                .contains("id=\"availability-timeline\"").contains("class=\"gap noroute\"").contains("users: no route for 31.2 s (03:02:10.6 x stopped -&gt; 03:02:41.8 x healthy)");
        assertThat(json.path("availability").path("actions").get(0).path("lanes").get(1).path("outage_s").asDouble()).isEqualTo(31.2);
        assertThat(json.path("criteria").get(13).path("availability").path("action").asText()).isEqualTo("the reboot");
        assertThat(html).contains("src=\"data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(PNG).replace("=", "&#61;"));
        assertThat(Files.readString(dir.resolve("latest").resolve(ReportWriter.MD_FILE))).contains("- [x] **AC-01** ")
                .contains("![before the click](AC-16-before.png)").contains("| AC-14 the reboot | 03:02:10.0 | 03:02:13.0 | application: down for 2.1 s");
    }

    @Test
    void headingsOverAListShowOnceWhenItHasEntries(@TempDir Path dir) throws Exception {
        RunRecord r = sample();
        r.result(Criterion.AC_06).measurements.put("budget_s", 60);
        r.note("a note for the operator");
        r.teardownProblems.add("network x: in use");
        r.timings.timeToHealthyS = 3.5;
        new ReportWriter().write(r, dir); // the earlier run of the same target: the trend of the next compares with it
        r.timings.timeToHealthyS = 3.6;
        new ReportWriter().write(r, dir);
        String html = Files.readString(dir.resolve("latest").resolve(ReportWriter.HTML_FILE));
        assertThat(html).contains("<table><tr><th>budget_s</th><td>60</td></tr></table>").contains("<h2>Notes</h2><ul><li>a note for the operator</li></ul>")
                .contains("Teardown could not remove everything:</strong></p><ul><li>network x: in use</li></ul>");
        String md = Files.readString(dir.resolve("latest").resolve(ReportWriter.MD_FILE));
        assertThat(md).contains("## Notes\n\n- a note for the operator").contains("| figure | this run | previous | change | |\n|---|---|---|---|---|\n| time to healthy | 3.6 s")
                .as("a blank line ends the table before the status changes").containsPattern("\\|\\n\\n(- |No criterion changed)");
    }

    @Test
    void aReportMissingAContractFieldIsRejected() throws Exception {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(ReportWriter.mapper().writeValueAsString(sample()));
        json.remove("verdict");
        assertThat(ReportWriter.validate(json)).anyMatch(m -> m.contains("verdict"));
    }

    @Test
    void keepsTheLastTwentyRuns(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 25; i++) {
            Files.createDirectories(dir.resolve(String.format("20260101T0000%02dZ", i)));
        }
        ReportWriter.prune(dir);
        try (var runs = Files.list(dir)) {
            assertThat(runs.count()).isEqualTo(ReportWriter.KEEP_RUNS);
        }
        assertThat(dir.resolve("20260101T000024Z")).exists();
        assertThat(dir.resolve("20260101T000004Z")).doesNotExist();
    }
}
