package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.orchestrator.gate.catalogue.Criterion;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves every check can fail: runs the gate once per defect of fixtures/faults/defects.json and
 * asserts the expected criteria fail with the expected cause while the other selected ones pass.
 * Writes the kill matrix to reports/selftest/defect-matrix.md.
 */
@Order(1) // handed out first: its runs go to the lanes while the self-tests that need this machine's engine wait for lane 0
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Defect matrix: every criterion is caught by a defect")
class DefectMatrixIT {

    private static final String BASE_COMPOSE = "fixtures/stack/docker-compose.yml";
    /** Each row's verdict, statuses and causes, one invariant line per row (CauseLine). */
    static final String CAUSES_FILE = "reports/selftest/defect-matrix-causes.txt";
    private static final List<String> IDS = Arrays.stream(Criterion.values()).map(Criterion::id).toList();
    /** Rows selecting these run the port scenario (the longest of the short rows). */
    private static final Set<String> PORT_SCENARIO = Set.of(Criterion.AC_01.id(), Criterion.AC_02.id(), Criterion.AC_03.id(), Criterion.AC_04.id());

    /** One row of the matrix: what it expected and got, and where its time went (its lane, the run's phases). */
    private record Row(String id, String defect, Map<String, String> statuses, Map<String, Expectation> expected, String verdict, int exit,
                       boolean caught, double seconds, int lane, Map<String, Double> phases, CauseLine cause) {
    }

    private final List<Row> rows = new CopyOnWriteArrayList<>();
    private int planned;
    private long startedNanos;

    /**
     * Every row is handed to the self-tests' lanes at once, the longest first (each lane a network and an engine of its own:
     * a row's cleanup script, its port 9403 and its containers meet no other row's), and judged as its run ends.
     */
    @TestFactory
    Stream<DynamicTest> everyDefectIsCaught() throws IOException {
        JsonNode defects = new ObjectMapper().readTree(GateRuns.PROJECT.resolve("fixtures/faults/defects.json").toFile()).path("defects");
        // -Dselftest.defects=<regex> runs a subset (the matrix file then says so)
        Pattern only = Pattern.compile(System.getProperty("selftest.defects", ".*"));
        startedNanos = System.nanoTime();
        List<JsonNode> selected = new ArrayList<>();
        defects.forEach(d -> {
            if (only.matcher(d.path("id").asText()).matches()) {
                selected.add(d);
            }
        });
        planned = selected.size();
        // the longest rows first, so that the last to end is a short one (the lanes' time is the longest lane's)
        selected.sort(Comparator.comparingInt(DefectMatrixIT::expectedSeconds).reversed());
        ExecutorService lanes = Executors.newFixedThreadPool(Lanes.COUNT + 1, r -> {
            Thread t = new Thread(r, "defect-matrix-row");
            t.setDaemon(true);
            return t;
        });
        Map<String, Future<RowRun>> runs = new LinkedHashMap<>();
        for (JsonNode d : selected) {
            RowRunner.Job job = new RowRunner.Job(configFor(d), d.path("excluded_tags").asText("").isEmpty() ? List.of()
                    : List.of(d.path("excluded_tags").asText().split(",")), d.has("foreign_network") ? List.of(d.path("foreign_network").asText()) : List.of(),
                    d.has("neighbour") ? List.of(RowRunner.Fixture.neighbour(d.path("neighbour").asText())) : List.of());
            runs.put(d.path("id").asText(), lanes.submit(() -> Lanes.shared().onAnyLane(lane -> GateRuns.onLane(lane, job))));
        }
        lanes.shutdown();
        return selected.stream().map(d -> DynamicTest.dynamicTest(d.path("id").asText() + ": " + d.path("defect").asText(),
                () -> judge(d, result(d.path("id").asText(), runs.get(d.path("id").asText())))));
    }

    /** The row's run, waiting for it (a line every 30 s; bounded by its lane's queue and its own limit). */
    private static RowRun result(String id, Future<RowRun> run) throws InterruptedException {
        long deadline = System.nanoTime() + GateRuns.ROW_LIMIT.multipliedBy(4).toNanos();
        while (true) {
            try {
                return run.get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    run.cancel(true);
                    throw new AssertionError("the row " + id + " did not end within its limit (a hang)");
                }
                System.out.println("[selftest] waiting for the row " + id);
            } catch (ExecutionException e) {
                throw new AssertionError("the row " + id + " could not run: " + e.getCause(), e.getCause());
            }
        }
    }

    /** How long a row is expected to take, to hand out the longest first: a real soak, then the reboot phase, the port scenario. */
    static int expectedSeconds(JsonNode d) {
        Set<String> criteria = new TreeSet<>(Arrays.asList(d.path("criteria").asText().split(",")));
        int seconds = d.path("soak").asText().equals("real") ? 140 : 10;
        seconds += d.path("config").path("compose.override").asText().contains("no-start-interval") ? 90 : 0;
        seconds += criteria.contains("AC-15") ? 25 : 0;
        seconds += criteria.contains("AC-14") || criteria.contains("AC-18") ? 10 : 0;
        seconds += criteria.stream().anyMatch(PORT_SCENARIO::contains) ? 15 : 0;
        seconds += criteria.stream().anyMatch(c -> c.equals("AC-09") || c.equals("AC-12")) ? 15 : 0;
        return seconds;
    }

    private static Map<String, String> configFor(JsonNode d) {
        String id = d.path("id").asText();
        Map<String, String> config = GateRuns.config("reports/selftest/" + id);
        config.put("acceptance.criteria", d.path("criteria").asText());
        if (d.path("soak").asText().equals("real")) {
            config.remove("acceptance.soak.seconds");
            config.remove("acceptance.long-operation.message");
        }
        d.path("config").fields().forEachRemaining(e -> {
            if (e.getKey().equals("compose.override")) {
                config.put("acceptance.compose.files", BASE_COMPOSE + "," + e.getValue().asText());
            } else {
                config.put(e.getKey(), e.getValue().asText());
            }
        });
        if (d.has("waivers")) {
            config.put("acceptance.waivers", waiverFile(id, d.path("waivers")).toString());
        }
        System.out.println("[selftest] defect " + id + ": " + d.path("defect").asText() + " (" + config + ")");
        return config;
    }

    /** How long a row's waivers last from the day it runs (within acceptance.waivers.max-days). */
    private static final int WAIVER_DAYS = 14;

    /** The row's waivers as an operator's file, each expiring {@link #WAIVER_DAYS} days after today (UTC). */
    private static Path waiverFile(String id, JsonNode entries) {
        List<Map<String, Object>> waivers = new ArrayList<>();
        String expires = LocalDate.now(ZoneOffset.UTC).plusDays(WAIVER_DAYS).toString();
        for (JsonNode e : entries) {
            Map<String, Object> w = new LinkedHashMap<>(new ObjectMapper().convertValue(e, Map.class));
            w.put("expires", expires);
            waivers.add(w);
        }
        Path file = GateRuns.PROJECT.resolve("reports/selftest/matrix-waivers/" + id + ".yml");
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), Map.of("waivers", waivers));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the waivers of " + id, e);
        }
        return file;
    }

    private void judge(JsonNode d, RowRun run) {
        String id = d.path("id").asText();
        GateRuns.Outcome outcome = run.outcome();
        Set<String> selected = new TreeSet<>(Arrays.asList(d.path("criteria").asText().split(",")));
        Map<String, Expectation> expect = new LinkedHashMap<>();
        d.path("expect").fields().forEachRemaining(e -> expect.put(e.getKey(), Expectation.of(e.getValue())));
        Set<String> mayFail = new TreeSet<>();
        d.path("may_fail").forEach(n -> mayFail.add(n.asText()));
        String verdict = d.path("verdict").asText("fail");
        int exit = d.path("exit").asInt(1);

        Map<String, String> statuses = new LinkedHashMap<>();
        IDS.forEach(c -> statuses.put(c, outcome.status(c)));
        boolean caught = outcome.exitCode() == exit && expect.entrySet().stream().allMatch(e -> e.getValue().metBy(outcome, e.getKey()));
        Map<String, Double> phases = new LinkedHashMap<>();
        outcome.report().path("timings").path("phases_s").fields().forEachRemaining(e -> phases.put(e.getKey(), e.getValue().asDouble()));
        String verdictSeen = outcome.report().isMissingNode() ? "none" : outcome.verdict();
        Map<String, String> judged = new LinkedHashMap<>();
        IDS.stream().filter(selected::contains).forEach(c -> judged.put(c, outcome.status(c)));
        Map<String, String> causes = new LinkedHashMap<>();
        // a failure's cause is its set of problem codes (how many times a problem showed is the run's measure, not its cause)
        // any other status's cause is what the row expects of its summary (what else the summary lists is the run's)
        expect.forEach((c, e) -> causes.put(c, outcome.status(c).equals("failed") ? CauseLine.problems(outcome.problemCodes(c))
                : CauseLine.summary(e.matchIn(outcome.summary(c)), GateRuns.PROJECT.toString())));
        rows.add(new Row(id, d.path("defect").asText(), statuses, expect, verdictSeen, outcome.exitCode(), caught, outcome.took().toMillis() / 1000.0,
                run.lane().number(), phases, CauseLine.of(id, verdictSeen, outcome.exitCode(), judged, causes)));

        SoftAssertions softly = new SoftAssertions();
        expect.forEach((c, e) -> {
            softly.assertThat(outcome.status(c)).as("%s: %s should be %s; its summary: %s", id, c, e.status(), outcome.summary(c)).isEqualTo(e.status());
            softly.assertThat(outcome.summary(c)).as("%s: %s should name the cause /%s/", id, c, e.summary()).containsPattern(e.summary());
        });
        selected.stream().filter(c -> !expect.containsKey(c) && !mayFail.contains(c) && !verdict.equals("none") && d.path("gate_error").isMissingNode())
                .forEach(c -> softly.assertThat(outcome.status(c)).as("%s: %s is not affected by this defect and should pass: %s", id, c, outcome.summary(c))
                        .isIn("passed", "not_applicable"));
        if (verdict.equals("none")) {
            softly.assertThat(outcome.report().isMissingNode()).as("%s: no report may exist", id).isTrue();
        } else {
            softly.assertThat(outcome.verdict()).as("%s: verdict (headline: %s)", id, outcome.report().path("headline").asText()).isEqualTo(verdict);
        }
        if (!d.path("gate_error").isMissingNode()) {
            softly.assertThat(outcome.gateError()).as("%s: the refusal", id).containsPattern(d.path("gate_error").asText());
        }
        if (!d.path("headline").isMissingNode()) {
            softly.assertThat(outcome.report().path("headline").asText()).as("%s: the headline", id).containsPattern(d.path("headline").asText());
        }
        softly.assertThat(outcome.exitCode()).as("%s: exit code", id).isEqualTo(exit);
        softly.assertThat(run.leftovers()).as("%s: what the run left on the engine", id).isEmpty();
        softly.assertAll();
    }

    /** What a defect must do to a criterion: its status, and a regex its summary matches ({@code summary}, compiled once). */
    private record Expectation(String status, String summary, Pattern pattern) {
        static Expectation of(JsonNode node) {
            String status = node.isTextual() ? "failed" : node.path("status").asText();
            String summary = node.isTextual() ? node.asText() : node.path("summary").asText();
            return new Expectation(status, summary, Pattern.compile(summary));
        }

        /** The part of {@code summary} the expectation matches (the whole summary when it does not match). */
        String matchIn(String summary) {
            Matcher m = pattern.matcher(summary);
            return m.find() ? m.group() : summary;
        }

        boolean metBy(GateRuns.Outcome outcome, String id) {
            return outcome.status(id).equals(status) && pattern.matcher(outcome.summary(id)).find();
        }
    }

    @AfterAll
    void writeMatrix() throws IOException {
        double wall = (System.nanoTime() - startedNanos) / 1e9;
        StringBuilder md = new StringBuilder("# Defect matrix\n\n")
                .append("Each row is one defect of `fixtures/faults/defects.json` run against the bundled stack. ")
                .append("`CAUGHT` = failed as expected with the expected cause; `pass` = passed; `-` = not selected for this defect; ")
                .append("`fail*` = failed as an allowed consequence; `CAUGHT(not_run)` / `CAUGHT(error)` = the expected other status. ")
                .append("Verdict and exit code are the run's, as expected by the row.\n\n| defect | ");
        IDS.forEach(c -> md.append(c).append(" | "));
        md.append("verdict | exit | time | lane | result |\n|---|");
        IDS.forEach(c -> md.append("---|"));
        md.append("---|---|---|---|---|\n");
        double total = 0;
        for (Row r : rows) {
            md.append("| ").append(r.id()).append(" | ");
            for (String c : IDS) {
                String s = r.statuses().get(c);
                Expectation e = r.expected().get(c);
                md.append(e != null ? (s.equals(e.status()) ? (s.equals("failed") ? "**CAUGHT**" : "**CAUGHT(" + s + ")**") : "MISSED(" + s + ")")
                        : switch (s) {
                            case "passed" -> "pass";
                            case "failed" -> "fail*";
                            case "not_run", "missing" -> "-";
                            default -> s;
                        }).append(" | ");
            }
            md.append(String.format("%s | %d | %.0f s | %d | %s |%n", r.verdict(), r.exit(), r.seconds(), r.lane(), r.caught() ? "caught" : "SURVIVED"));
            total += r.seconds();
        }
        Set<String> covered = new TreeSet<>();
        rows.stream().filter(Row::caught).forEach(r -> r.expected().forEach((c, e) -> {
            if (e.status().equals("failed")) {
                covered.add(c);
            }
        }));
        md.append(String.format("%nDefects: %d, caught: %d, survived: %d. Criteria caught by at least one defect: %d of %d (%s). "
                        + "Matrix time: %.0f s of rows, %.0f s from the first row to the last, on %d lanes beside each other (each a network and an engine"
                        + " of its own; lane 0 is this machine's engine).%n",
                rows.size(), rows.stream().filter(Row::caught).count(), rows.stream().filter(r -> !r.caught()).count(), covered.size(), IDS.size(),
                String.join(", ", covered), total, wall, Lanes.COUNT + 1));
        Path out = GateRuns.PROJECT.resolve("reports/selftest/defect-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        // every row's status and cause line, by row id: two runs of the matrix agree when these files are equal (diff them)
        Files.write(GateRuns.PROJECT.resolve(CAUSES_FILE), rows.stream().map(Row::cause).sorted(Comparator.comparing(CauseLine::row))
                .map(CauseLine::text).toList());
        System.out.println(md);
        SelfTestTimings.matrix(wall, total, rows.size(), rows.stream().sorted(Comparator.comparingDouble(Row::seconds).reversed()).limit(5)
                .map(r -> new SelfTestTimings.Slow(r.id(), r.seconds(), r.lane(), r.phases())).toList());
        if (System.getProperty("selftest.defects") == null && rows.size() == planned) {
            assertThat(covered).as("criteria caught by some defect").containsAll(IDS);
        }
    }
}
