package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;
import dev.orchestrator.gate.process.Folders;
import dev.orchestrator.gate.report.ReportWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report as a product: a full run with planted secrets validates against the schema, its
 * Markdown and HTML agree with the JSON, no secret appears anywhere the gate writes, and the HTML
 * renders in headless Chromium (DOM asserted, screenshot saved beside the report).
 */
@ExtendWith(OnThisMachinesEngine.class)
class ReportContractIT {

    private static final String REPORT_DIR = "reports/selftest/contract";
    private static final Duration CHROMIUM_TIMEOUT = Duration.ofSeconds(90);

    @Test
    @DisplayName("a full run's report validates, agrees across formats, leaks no secret and renders in Chromium")
    void reportIsEvidence() throws Exception {
        String apiKey = "sk-ant-test-planted-" + UUID.randomUUID();
        String pat = "ghp_planted" + UUID.randomUUID().toString().replace("-", "");
        // an operator script that traces its commands (set -x) while it holds a Coolify token from the scripts' env file
        String token = "coolify-planted-" + UUID.randomUUID();
        Path envFile = Files.createTempFile("release-gate-scripts-", ".env");
        Files.writeString(envFile, "COOLIFY_TOKEN=" + token + "\n");
        Map<String, String> config = GateRuns.config(REPORT_DIR);
        config.put("acceptance.soak.seconds", "30");
        config.put("acceptance.reboot.script", "fixtures/selftest/reboot-traces-token.sh");
        config.put("acceptance.scripts.env-file", envFile.toString());
        Set<String> namelessBefore = EngineSnapshot.namelessImages(new DockerEngine());
        String output;
        int exit;
        Path stepSummary = Files.createTempFile("release-gate-step-summary-", ".md");
        Files.writeString(stepSummary, "## an earlier step\n");
        CommandLines seen = new CommandLines(token);
        try (GateProcess gate = GateProcess.start(config, Map.of("ANTHROPIC_API_KEY", apiKey, "GITHUB_PAT", pat,
                "GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", stepSummary.toString())); seen) {
            exit = gate.waitFor(Duration.ofSeconds(400));
            output = gate.output();
        } finally {
            Files.delete(envFile);
        }
        assertThat(seen.looks()).as("looks at every process's command line during the run").isPositive();
        assertThat(seen.withSecret()).as("command lines that showed the scripts' token to every user of the host (ps)").isEmpty();
        Path latest = GateRuns.PROJECT.resolve(REPORT_DIR).resolve("latest");
        JsonNode report = GateRuns.readReport(GateRuns.PROJECT.resolve(REPORT_DIR));
        // a 30 s soak cannot prove AC-09 nor carry AC-10's operation past the proxy's limit: partial, never exit 0
        assertThat(exit).as("exit code of the contract run:%n%s", output).isEqualTo(2);
        assertThat(ReportWriter.validate(report)).as("schema problems").isEmpty();
        assertThat(report.path("criteria")).hasSize(Criterion.values().length);
        assertThat(report.path("verdict").asText()).isEqualTo("partial");
        List<String> phases = new ArrayList<>();
        report.path("timings").path("phases_s").fieldNames().forEachRemaining(phases::add);
        assertThat(phases).as("the report's phases: the gate's steps and the catalogue's phases")
                .contains("pre-flight", "build", "deploy", "Port scenario", "Startup", "Soak window", "Reboot", "teardown");
        assertThat(report.path("headline").asText()).startsWith("PARTIAL; not proven: AC-09 (a 30 s soak cannot prove");
        assertThat(output).as("last console lines").contains("[gate] VERDICT: " + report.path("headline").asText() + " (exit code 2)")
                .contains("[gate] report: ");

        // on GitHub Actions: the run's summary appended once after what the step wrote, and one annotation per criterion not proven
        String summaryFile = Files.readString(stepSummary);
        Files.delete(stepSummary);
        assertThat(summaryFile).as("the step summary file").startsWith("## an earlier step\n## Orchestrator release gate: PARTIAL")
                .contains(report.path("headline").asText());
        assertThat(summaryFile.split("## Orchestrator release gate", -1)).as("gate summaries in the step summary").hasSize(2);
        assertThat(output).as("annotations").contains("::warning title=AC-09 ws-survives::");
        // the Coolify build moved the bundled stack's shared image names to images of the app's project: put back at the end, nothing left nameless
        assertThat(output).as("teardown puts the shared image names back").contains("[gate] put the name orchestrator-gate-orchestrator:1 back on ");
        Set<String> nameless = EngineSnapshot.namelessImages(new DockerEngine());
        nameless.removeAll(namelessBefore);
        assertThat(nameless).as("images the run left without a name").isEmpty();

        String md = Files.readString(latest.resolve(ReportWriter.MD_FILE));
        for (JsonNode c : report.path("criteria")) {
            String box = switch (c.path("status").asText()) {
                case "passed" -> "[x]";
                case "not_applicable" -> "[-]";
                default -> "[ ]";
            };
            assertThat(md).contains("- " + box + " **" + c.path("id").asText() + "** "
                    + Criterion.byId(c.path("id").asText()).orElseThrow().checklistLine());
            assertThat(md).contains(c.path("summary").asText());
        }
        assertThat(md).contains("# Orchestrator release gate: PARTIAL").contains(report.path("headline").asText());

        // the browser criteria's screenshots: files beside the report, linked from the Markdown, embedded in the HTML
        List<String> pictures = new ArrayList<>();
        report.path("criteria").forEach(c -> c.path("attachments").forEach(a -> {
            if (a.path("media_type").asText().startsWith("image/")) {
                pictures.add(a.path("file").asText());
            }
        }));
        assertThat(pictures).contains("AC-07-page.png", "AC-16-before.png", "AC-16-after.png", "AC-17-chat.png");
        String html = Files.readString(latest.resolve(ReportWriter.HTML_FILE));
        for (String picture : pictures) {
            assertThat(latest.resolve(picture)).as("screenshot file").isRegularFile();
            assertThat(md).contains("](" + picture + ")");
        }
        assertThat(html.split("src=\"data:image/png;base64,", -1)).as("pictures embedded in the HTML").hasSize(pictures.size() + 1);
        // the compose file as Coolify rewrote it: beside the report, linked from both, its secrets masked like everything else
        assertThat(latest.resolve("AC-05-docker-compose.yaml")).isRegularFile();
        assertThat(Files.readString(latest.resolve("AC-05-docker-compose.yaml"))).contains("coolify.applicationId").contains("container_name: orchestrator-");
        assertThat(md).contains("](AC-05-docker-compose.yaml)");
        assertThat(report.path("target").path("platform").path("name").asText()).isEqualTo("coolify");
        // the gate's own JUnit XML beside the report, valid as GitLab and Jenkins read it
        Path junit = latest.resolve("junit.xml");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getClassLoader().getResource("report/junit.xsd")).newValidator()
                .validate(new StreamSource(junit.toFile()));
        assertThat(Files.readString(junit).split("<testcase ", -1)).hasSize(Criterion.values().length + 1);

        // secrets: the planted ones, and the stack's own test secrets, appear nowhere the gate writes
        List<String> secrets = List.of(apiKey, pat, token, "sk-ant-test-0000-not-a-real-key", "ghp_test0000notarealtoken", "pg-test-secret-4f1c9e");
        assertThat(report.path("criteria").get(13).path("status").asText()).as("AC-14 with the tracing script: %s",
                report.path("criteria").get(13).path("summary").asText()).isEqualTo("passed");
        assertThat(report.path("criteria").get(13).toString()).as("the trace is in the evidence, masked").contains("Authorization: Bearer ****");
        assertThat(output).as("console output of the run").doesNotContain(secrets);
        List<Path> written = new ArrayList<>();
        for (Path root : List.of(GateRuns.PROJECT.resolve("reports"), GateRuns.PROJECT.resolve("target/failsafe-reports"))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".png")).forEach(written::add);
                }
            }
        }
        assertThat(written).isNotEmpty();
        for (Path file : written) {
            assertThat(read(file)).as("secret in %s", file).doesNotContain(secrets);
        }

        // the HTML in a real browser: the fresh run's, and the operators' latest if the first command made one
        renderAndCheck(latest);
        Path operatorsLatest = GateRuns.PROJECT.resolve("reports/latest");
        if (Files.exists(operatorsLatest.resolve(ReportWriter.JSON_FILE))) {
            assertThat(ReportWriter.validate(GateRuns.readReport(GateRuns.PROJECT.resolve("reports")))).as("reports/latest schema problems").isEmpty();
            renderAndCheck(operatorsLatest);
        }
    }

    private static void renderAndCheck(Path dir) throws IOException {
        Path html = dir.resolve(ReportWriter.HTML_FILE);
        JsonNode report = new ObjectMapper().readTree(dir.resolve(ReportWriter.JSON_FILE).toFile());
        Path folder = Files.createTempDirectory("release-gate-report-chromium-");
        try {
            Path profile = Files.createDirectories(folder.resolve("profile"));
            // Chromium's own scoped folders follow TMPDIR: inside ours, deleted below
            Map<String, String> env = Map.of("TMPDIR", Files.createDirectories(folder.resolve("tmp")).toString());
            List<String> flags = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
            List<String> dump = new ArrayList<>(flags);
            dump.addAll(List.of("--dump-dom", html.toUri().toString()));
            CommandResult dom = Commands.run(CHROMIUM_TIMEOUT, dump, env, dir);
            assertThat(dom.ok()).as("chromium --dump-dom: %s", dom.tail(5)).isTrue();
            String verdict = report.path("verdict").asText().toUpperCase();
            assertThat(dom.output()).contains("Release gate verdict: " + verdict);
            assertThat(dom.output().split("class=\"criterion\"", -1)).as("checklist lines in the DOM").hasSize(Criterion.values().length + 1);
            if (hasSoakTimeline(report)) {
                assertThat(dom.output()).contains("id=\"soak-timeline\"").contains("class=\"keepalive\"");
            } else { // a run restricted to criteria without the soak (an operator's `-Dacceptance.criteria=AC-06`) has none
                assertThat(dom.output()).doesNotContain("id=\"soak-timeline\"");
            }
            Path png = dir.resolve("acceptance-report.png");
            List<String> shot = new ArrayList<>(flags);
            shot.addAll(List.of("--hide-scrollbars", "--window-size=1100,1800", "--screenshot=" + png, html.toUri().toString()));
            CommandResult screenshot = Commands.run(CHROMIUM_TIMEOUT, shot, env, dir);
            assertThat(screenshot.ok()).as("chromium --screenshot: %s", screenshot.tail(5)).isTrue();
            assertThat(Files.size(png)).as("screenshot %s", png).isGreaterThan(10_000);
            System.out.println("[selftest] screenshot of " + html + " -> " + png);
        } finally {
            Folders.deleteTree(folder);
        }
    }

    /** Every process's command line on this host, looked at 5 times a second while a run goes, as {@code ps} shows them to every user. */
    private static final class CommandLines implements AutoCloseable {
        private final String secret;
        private final Set<String> withSecret = ConcurrentHashMap.newKeySet();
        private final AtomicInteger looks = new AtomicInteger();
        private final ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor();

        CommandLines(String secret) {
            this.secret = secret;
            every.scheduleAtFixedRate(this::look, 0, 200, TimeUnit.MILLISECONDS);
        }

        private void look() {
            ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().filter(c -> c.contains(secret)).ifPresent(withSecret::add));
            looks.incrementAndGet();
        }

        int looks() {
            return looks.get();
        }

        Set<String> withSecret() {
            return withSecret;
        }

        @Override
        public void close() {
            every.shutdownNow();
        }
    }

    private static boolean hasSoakTimeline(JsonNode report) {
        for (JsonNode c : report.path("criteria")) {
            if (c.path("id").asText().equals("AC-09") && c.path("measurements").path("timeline").isObject()) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
