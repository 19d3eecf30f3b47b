package dev.orchestrator.gate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.gate.availability.ActionWindow;
import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.availability.Gap;
import dev.orchestrator.gate.availability.LaneOutage;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.config.SecretMasker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    private static RunRecord sampleRun() {
        RunRecord r = new RunRecord();
        r.target("stack", "orchestrator", 9403, "http://127.0.0.1:9403", "", List
                .of(new RunRecord.ComposeFile("fixtures/stack/docker-compose.yml", "a".repeat(64))));
        for (Criterion c : Criterion.values()) {
            TestRuns.judge(r, c, Outcome.passed(c.id() + " <ok> & fine"));
        }
        r.result(Criterion.AC_09).measure("timeline", Map.of("soak_s", 120, "proxy_idle_s", 100,
                "connections", List.of(Map.of("label", "direct", "keepalives", List.of(20.0, 40.0))), "resets", List.of(3.0)));
        r.result(Criterion.AC_11).measure("latencies_ms", List.of(70, 80, 90, 75, 72));
        r.result(Criterion.AC_11).evidence(new CriterionResult.Evidence("response", "<script>alert(1)</script>"));
        r.result(Criterion.AC_16).attach(new CriterionResult.Attachment("before the click", "AC-16-before.png", "image/png", PNG));
        ActionWindow reboot = new ActionWindow("AC-14", "the reboot", 130, 133, List.of(
                new LaneOutage("application", 2.1, 2.1, List.of(new Gap(130.5, 132.6, "ConnectException", "GET /health 200")), false),
                new LaneOutage("users", 31.2, 31.2, List.of(new Gap(130.6, 161.8, "x stopped", "x healthy")), false)));
        r.result(Criterion.AC_14).availability(reboot);
        r.availability(new Availability.Report("2026-12-02T03:00:00Z", 170, "derived",
                Map.of("application", List.of(new Gap(130.5, 132.6, "ConnectException", "GET /health 200")),
                        "users", List.of(new Gap(130.6, 161.8, "x stopped", "x healthy"))),
                List.of(reboot), List.of(new Availability.Span("soak", 8, 128))));
        return r;
    }

    private static Report sample() {
        return TestRuns.report(sampleRun());
    }

    private static ReportWriter writer() {
        return new ReportWriter(new SecretMasker());
    }

    /** The 8-byte PNG signature: enough to stand for a screenshot. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void writesValidJsonAndEscapedHtmlAndRefreshesLatest(@TempDir Path dir) throws Exception {
        Path run = writer().write(sample(), dir).folder();
        var json = new ObjectMapper().readTree(run.resolve(ReportWriter.JSON_FILE).toFile());
        assertThat(ReportWriter.validate(json)).isEmpty();
        assertThat(json.path("schema_version").asText()).isEqualTo("1");
        assertThat(json.path("criteria")).hasSize(Criterion.values().length);
        assertThat(dir.resolve("latest").resolve("AC-16-before.png")).hasBinaryContent(PNG);
        String html = Files.readString(dir.resolve("latest").resolve(ReportWriter.HTML_FILE));
        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;")
                .contains("id=\"soak-timeline\"").contains("class=\"keepalive\"").contains("id=\"reset-latency\"")
                .contains("id=\"availability-timeline\"").contains("class=\"gap noroute\"")
                .contains("users: no route for 31.2 s (03:02:10.6 x stopped -&gt; 03:02:41.8 x healthy)");
        assertThat(json.path("availability").path("actions").get(0).path("lanes").get(1).path("outage_s").asDouble()).isEqualTo(31.2);
        assertThat(json.path("criteria").get(13).path("availability").path("action").asText()).isEqualTo("the reboot");
        assertThat(json.path("criteria").get(0).path("problems").isArray()).as("every criterion carries its problems").isTrue();
        assertThat(html).contains("src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(PNG).replace("=", "&#61;"));
        assertThat(Files.readString(dir.resolve("latest").resolve(ReportWriter.MD_FILE))).contains("- [x] **AC-01** ")
                .contains("![before the click](AC-16-before.png)").contains("| AC-14 the reboot | 03:02:10.0 | 03:02:13.0 | application: down for 2.1 s");
    }

    @Test
    void headingsOverAListShowOnceWhenItHasEntries(@TempDir Path dir) throws Exception {
        RunRecord r = sampleRun();
        r.result(Criterion.AC_06).measure("budget_s", 60);
        r.note("a note for the operator");
        r.tornDown(List.of("network x: in use"));
        r.timeToHealthy(3.5);
        writer().write(TestRuns.report(r), dir); // the earlier run of the same target: the trend of the next compares with it
        r.timeToHealthy(3.6);
        writer().write(TestRuns.report(r), dir);
        String html = Files.readString(dir.resolve("latest").resolve(ReportWriter.HTML_FILE));
        assertThat(html).contains("<table><tr><th>budget_s</th><td>60</td></tr></table>").contains("<h2>Notes</h2><ul><li>a note for the operator</li></ul>")
                .contains("Teardown could not remove everything:</strong></p><ul><li>network x: in use</li></ul>");
        String md = Files.readString(dir.resolve("latest").resolve(ReportWriter.MD_FILE));
        assertThat(md).contains("## Notes\n\n- a note for the operator")
                .contains("| figure | this run | previous | change | |\n|---|---|---|---|---|\n| time to healthy | 3.6 s")
                .as("a blank line ends the table before the status changes").containsPattern("\\|\\n\\n(- |No criterion changed)");
    }

    @Test
    void aReportMissingAContractFieldIsRejected() throws Exception {
        var json = (ObjectNode) new ObjectMapper().readTree(ReportWriter.mapper().writeValueAsString(sample()));
        json.remove("verdict");
        assertThat(ReportWriter.validate(json)).anyMatch(m -> m.contains("verdict"));
    }

    @Test
    void aFailedCriterionCarriesItsProblemsInTheJson(@TempDir Path dir) throws Exception {
        RunRecord r = sampleRun();
        TestRuns.judge(r, Criterion.AC_11, Outcome.failed(List.of(
                Problem.of(ProblemCode.RESET_HTTP_STATUS, "5 of 5 resets answered HTTP 500: object int"),
                Problem.of(ProblemCode.SESSION_KEPT, "orchestrator session_id after reset?clear_session=true is still 's1'"))));
        Path run = writer().write(TestRuns.report(r), dir).folder();
        var ac11 = new ObjectMapper().readTree(run.resolve(ReportWriter.JSON_FILE).toFile()).path("criteria").get(10);
        assertThat(ac11.path("id").asText()).isEqualTo("AC-11");
        assertThat(ac11.path("status").asText()).isEqualTo("failed");
        assertThat(ac11.path("summary").asText()).isEqualTo("5 of 5 resets answered HTTP 500: object int; orchestrator session_id after"
                + " reset?clear_session=true is still 's1'");
        assertThat(ac11.path("problems").get(0).path("code").asText()).isEqualTo("reset-http-status");
        assertThat(ac11.path("problems").get(1).path("code").asText()).isEqualTo("session-kept");
        assertThat(ac11.path("problems").get(1).path("message").asText()).startsWith("orchestrator session_id");
    }

    @Test
    void twoRunsSwappingLatestAtOnceBothEndWithAWholeLatest(@TempDir Path dir) throws Exception {
        // two runs on two ports share reports/: renaming onto a latest/ that is not empty fails with ENOTEMPTY, which Linux reports as a
        // plain FileSystemException; each swap retries until its own copy is in place
        Path a = Files.createDirectories(dir.resolve("20260101T000001Z"));
        Path b = Files.createDirectories(dir.resolve("20260101T000002Z"));
        Files.writeString(a.resolve(ReportWriter.JSON_FILE), "a");
        Files.writeString(b.resolve(ReportWriter.JSON_FILE), "b");
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) {
                var first = pool.submit(() -> {
                    ReportWriter.refreshLatest(a, dir.resolve("latest"));
                    return null;
                });
                var second = pool.submit(() -> {
                    ReportWriter.refreshLatest(b, dir.resolve("latest"));
                    return null;
                });
                first.get();
                second.get();
                assertThat(Files.readString(dir.resolve("latest").resolve(ReportWriter.JSON_FILE))).isIn("a", "b");
            }
        } finally {
            pool.shutdownNow();
        }
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no half-swapped copies left").containsExactlyInAnyOrder("latest",
                    "20260101T000001Z", "20260101T000002Z");
        }
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
