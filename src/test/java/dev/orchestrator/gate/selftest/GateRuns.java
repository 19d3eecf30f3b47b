package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.judge.GateMain;
import dev.orchestrator.gate.process.Folders;
import dev.orchestrator.gate.report.ReportWriter;
import dev.orchestrator.gate.report.RunRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Runs the gate from a self-test (in this JVM through the launcher, or as a process of its own) and reads back its report. */
final class GateRuns {

    static final Path PROJECT = Path.of(System.getProperty("acceptance.project.dir", ".")).toAbsolutePath().normalize();
    /**
     * A self-test run's soak: long enough for what a short soak proves (AC-11's resets, AC-12's 5 s watch after them, AC-13's
     * chat while the long operation runs, AC-10 beside a proxy of a 5 s idle limit, AC-09 with 3 s keepalives: longer than
     * twice the 4.5 s gap the gate allows), and no longer: AC-09 and AC-12 wait for its end.
     */
    static final String SHORT_SOAK = "10";
    /** The gate's first console line names its run: {@code [gate] run 20261128115322573a (stack mode)}. */
    private static final Pattern RUN_LINE = Pattern.compile("(?m)^\\[gate\\] run (\\S+) ");

    /** A finished run: its exit code, report, wall time, and the refusal the run recorded (also when no report could be written). */
    record Outcome(int exitCode, JsonNode report, Duration took, String gateError) {
        Outcome(int exitCode, JsonNode report, Duration took) {
            this(exitCode, report, took, report.path("gate_error").asText(""));
        }

        JsonNode criterion(String id) {
            for (JsonNode c : report.path("criteria")) {
                if (c.path("id").asText().equals(id)) {
                    return c;
                }
            }
            return MissingNode.getInstance();
        }

        String status(String id) {
            return criterion(id).path("status").asText("missing");
        }

        String summary(String id) {
            return criterion(id).path("summary").asText("");
        }

        /** The distinct codes of a criterion's problems, sorted (empty when it has none). */
        List<String> problemCodes(String id) {
            List<String> codes = new ArrayList<>();
            criterion(id).path("problems").forEach(p -> codes.add(p.path("code").asText()));
            return codes.stream().distinct().sorted().toList();
        }

        String verdict() {
            return report.path("verdict").asText();
        }
    }

    private GateRuns() {
    }

    /**
     * Every criterion but the port scenario's (AC-01..AC-04): for a self-test that needs a deployed stack's later phases and
     * proves nothing about stale holders (the defect matrix and the bundled run prove those), saving the scenario's deploys.
     */
    static final String AFTER_THE_PORT_SCENARIO = Arrays.stream(Criterion.values()).map(Criterion::id)
            .filter(id -> !List.of("AC-01", "AC-02", "AC-03", "AC-04").contains(id)).collect(Collectors.joining(","));
    /**
     * Users' outage budgets (AC-19) that no slow engine or busy host reaches: for a self-test that must show the users' lane
     * followed and every route back, not the service's speed, which the defect matrix's AC-19 rows prove.
     */
    static final Map<String, String> GENEROUS_OUTAGE_BUDGETS = Map.of("acceptance.outage.reboot-budget", "120", "acceptance.outage.redeploy-budget", "120");

    /** Base configuration of a self-test run: short soak and a short long operation unless overridden. */
    static Map<String, String> config(String reportDir) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("acceptance.project.dir", PROJECT.toString());
        config.put("acceptance.report.dir", reportDir);
        config.put("acceptance.soak.seconds", SHORT_SOAK);
        config.put("acceptance.long-operation.message", "/sleep 60"); // still running when AC-13 chats, also after a 30 s wait for health
        return config;
    }

    static Outcome runInProcess(Map<String, String> config) {
        return runInProcess(config, List.of());
    }

    /**
     * A run in this JVM, judged on its own report only: the report folder is emptied first, and a report that did
     * not start after this call is no report of it. {@code excludedTags} prune the JUnit plan (as -DexcludedGroups).
     */
    static Outcome runInProcess(Map<String, String> config, List<String> excludedTags) {
        Path reportDir = PROJECT.resolve(config.get("acceptance.report.dir"));
        clear(reportDir);
        Instant began = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long start = System.nanoTime();
        Optional<RunRecord> record = GateMain.execute(config, excludedTags);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        JsonNode report = readReportIfAny(reportDir);
        if (!report.isMissingNode() && Instant.parse(report.path("started_at").asText()).isBefore(began)) {
            throw new AssertionError("the report in " + reportDir + " is older than this run (started " + report.path("started_at").asText() + ")");
        }
        int exit = record.map(RunRecord::exitCodeOfTheRun).orElse(2);
        return new Outcome(exit, report, took, record.flatMap(RunRecord::gateError).orElse(""));
    }

    /** Empties a self-test's report folder, so that nothing there can be taken for the next run's report. */
    static void clear(Path reportDir) {
        try {
            Folders.deleteTree(reportDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + reportDir, e);
        }
    }

    /** The warm runner's line on its heap after a row (RowRunner). */
    private static final Pattern RUNNER_HEAP = Pattern.compile("\\[row-runner\\] heap in use after the row: (\\d+ MB of \\d+ MB)");

    /** Where a row's job and result files are written (its runner's two arguments). */
    static final String JOBS = "target/selftest-jobs";

    /** How long a row's run may take in its lane before it is a hang (a real-soak row takes about 140 s). */
    static final Duration ROW_LIMIT = Duration.ofSeconds(600);

    /**
     * A run as a program of {@code lane} ({@link RowRunner}: the engine before and after it is looked at inside the lane): its
     * outcome, read from its own report, and what it left behind. The report folder is emptied first.
     */
    static RowRun onLane(Lane lane, RowRunner.Job job) {
        Path reportDir = PROJECT.resolve(job.config().get("acceptance.report.dir"));
        clear(reportDir);
        try {
            List<String> files = RowRunner.arguments(job, PROJECT.resolve(JOBS));
            Path in = Path.of(files.get(0));
            Path out = Path.of(files.get(1));
            long start = System.nanoTime();
            String console = RowRunners.run(lane, files, ROW_LIMIT);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (!Files.isRegularFile(out)) {
                throw new AssertionError("the run on " + lane + " ended without its result; its console:\n" + console);
            }
            RowRunner.Result result = new ObjectMapper().readValue(out.toFile(), RowRunner.Result.class);
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Matcher heap = RUNNER_HEAP.matcher(console);
            System.out.printf("[selftest] %s on %s: exit %d after %.0f s%s%n", reportDir.getFileName(), lane, result.exitCode(), took.toMillis() / 1000.0,
                    heap.find() ? " (its runner's heap in use after it: " + heap.group(1) + ")" : "");
            Outcome outcome = new Outcome(result.exitCode(), readReportIfAny(reportDir), took, result.gateError());
            return new RowRun(outcome, result.leftovers(), result.imagesAdded(), lane, console);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand the run to " + lane, e);
        }
    }

    /** {@link #onLane} on the first free lane. */
    static RowRun onAnyLane(RowRunner.Job job) {
        return Lanes.shared().onAnyLane(lane -> onLane(lane, job));
    }

    /** A run in a process of its own: its outcome and its run id (from its first console line; empty when it printed none). */
    record ProcessOutcome(Outcome outcome, String runId) {
    }

    /** As {@link #runInProcess}, in a JVM of its own (for a run beside others: nothing of this JVM is shared); bounded by {@code limit}. */
    static ProcessOutcome runAsProcess(Map<String, String> config, Duration limit) {
        clear(PROJECT.resolve(config.get("acceptance.report.dir")));
        long start = System.nanoTime();
        try (GateProcess gate = GateProcess.start(config, Map.of())) {
            int exit = gate.waitFor(limit);
            Outcome outcome = new Outcome(exit, readReportIfAny(PROJECT.resolve(config.get("acceptance.report.dir"))), Duration
                    .ofNanos(System.nanoTime() - start));
            Matcher first = RUN_LINE.matcher(gate.output());
            return new ProcessOutcome(outcome, first.find() ? first.group(1) : "");
        }
    }

    static JsonNode readReport(Path reportDir) {
        Path json = reportDir.resolve("latest").resolve(ReportWriter.JSON_FILE);
        try {
            return new ObjectMapper().readTree(Files.readString(json));
        } catch (IOException e) {
            throw new UncheckedIOException("no report at " + json, e);
        }
    }

    /** The report of a run, or a missing node when the run wrote none (e.g. an unwritable report folder). */
    static JsonNode readReportIfAny(Path reportDir) {
        return Files.isRegularFile(reportDir.resolve("latest").resolve(ReportWriter.JSON_FILE))
                ? readReport(reportDir) : MissingNode.getInstance();
    }
}
