package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.docker.DockerEngine;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves every check can fail: runs the gate once per defect of fixtures/faults/defects.json and
 * asserts the expected criteria fail with the expected cause while the other selected ones pass.
 * Writes the kill matrix to reports/selftest/defect-matrix.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Defect matrix: every criterion is caught by a defect")
class DefectMatrixIT {

    private static final String BASE_COMPOSE = "fixtures/stack/docker-compose.yml";
    private static final List<String> IDS = Arrays.stream(Criterion.values()).map(Criterion::id).toList();
    /** Rows selecting these run the port scenario: planted holders and a cleanup script that may remove any container. */
    /** The neighbour's own host port (the real host's orchestrator-ts published 8003). */
    private static final int NEIGHBOUR_PORT = 18003;
    private static final Set<String> PORT_SCENARIO = Set.of(Criterion.AC_01.id(), Criterion.AC_02.id(), Criterion.AC_03.id(), Criterion.AC_04.id());

    /** One row of the matrix. */
    private record Row(String id, String defect, Map<String, String> statuses, Map<String, Expectation> expected, String verdict, int exit,
                       boolean caught, double seconds) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final SoakLane lane = new SoakLane();
    private int planned;
    private long startedNanos;
    private EngineSnapshot beforeAll;
    private Set<String> namelessBefore;

    /**
     * Port-scenario rows first, one at a time (their cleanup scripts may remove any container); then the
     * rows with the real soak start in the background lane while the other rows run here (rows with a reboot or
     * resets do not: beside another run on two cores their timing budgets and the engine-wide checks of what a script
     * created would be the other run's as much as theirs).
     */
    @TestFactory
    Stream<DynamicTest> everyDefectIsCaught() throws IOException {
        JsonNode defects = new ObjectMapper().readTree(GateRuns.PROJECT.resolve("fixtures/faults/defects.json").toFile()).path("defects");
        List<DynamicTest> alone = new ArrayList<>();
        List<DynamicTest> beside = new ArrayList<>();
        List<DynamicTest> inLane = new ArrayList<>();
        // -Dselftest.defects=<regex> runs a subset (the matrix file then says so)
        Pattern only = Pattern.compile(System.getProperty("selftest.defects", ".*"));
        startedNanos = System.nanoTime();
        beforeAll = EngineSnapshot.take(new DockerEngine());
        namelessBefore = EngineSnapshot.namelessImages(new DockerEngine());
        for (JsonNode d : defects) {
            String id = d.path("id").asText();
            if (!only.matcher(id).matches()) {
                continue;
            }
            planned++;
            String name = id + ": " + d.path("defect").asText();
            Set<String> criteria = new TreeSet<>(Arrays.asList(d.path("criteria").asText().split(",")));
            if (criteria.stream().anyMatch(PORT_SCENARIO::contains) || d.has("foreign_network") || d.has("neighbour")) {
                alone.add(DynamicTest.dynamicTest(name, () -> judge(d, runHere(d))));
            } else if (d.path("soak").asText().equals("real")) {
                lane.add(id, configFor(d));
                inLane.add(DynamicTest.dynamicTest(name + " (soak lane)", () -> judge(d, lane.result(id))));
            } else {
                beside.add(DynamicTest.dynamicTest(name, () -> {
                    lane.start();
                    judge(d, runHere(d));
                }));
            }
        }
        return Stream.of(alone, beside, inLane).flatMap(List::stream);
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
        Path file = GateRuns.PROJECT.resolve("reports/selftest/waivers/" + id + ".yml");
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), Map.of("waivers", waivers));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the waivers of " + id, e);
        }
        return file;
    }

    /** A row run in this JVM, with the engine before and after it. */
    private static RowRun runHere(JsonNode d) {
        Map<String, String> config = configFor(d);
        DockerEngine engine = new DockerEngine();
        String foreign = d.path("foreign_network").asText("");
        if (!foreign.isEmpty()) {
            // exists before the run and is not the gate's: the cleanup under test must leave it alone
            engine.client().createNetworkCmd().withName(foreign).withLabels(Map.of("io.orchestrator-gate.selftest", "foreign-network")).exec();
        }
        String neighbour = d.path("neighbour").asText("");
        if (!neighbour.isEmpty()) {
            // a neighbour service named like the one under test (the real host ran orchestrator-ts beside it): not the service
            startNeighbour(engine, neighbour);
        }
        EngineSnapshot before = EngineSnapshot.take(engine);
        List<String> excluded = d.path("excluded_tags").asText("").isEmpty() ? List.of()
                : List.of(d.path("excluded_tags").asText().split(","));
        try {
            GateRuns.Outcome outcome = GateRuns.runInProcess(config, excluded);
            return new RowRun(outcome, before.leftoversIn(EngineSnapshot.take(engine)));
        } finally {
            if (!foreign.isEmpty()) {
                engine.network(foreign).ifPresent(n -> engine.client().removeNetworkCmd(n.getId()).exec());
            }
            if (!neighbour.isEmpty()) {
                engine.inspect(neighbour).ifPresent(n -> engine.client().removeContainerCmd(n.getId()).withForce(true).exec());
            }
        }
    }

    /** A running container named {@code name}, publishing a port of its own (not the service's), labelled as the self-test's. */
    private static void startNeighbour(DockerEngine engine, String name) {
        var host = HostConfig.newHostConfig().withPortBindings(new PortBinding(
                Ports.Binding.bindIpAndPort("127.0.0.1", NEIGHBOUR_PORT), ExposedPort.tcp(8003)));
        String id = engine.client().createContainerCmd("orchestrator-gate-base:bookworm-1").withName(name).withCmd("sleep", "900")
                .withExposedPorts(ExposedPort.tcp(8003)).withHostConfig(host)
                .withLabels(Map.of("io.orchestrator-gate.selftest", "neighbour")).exec().getId();
        engine.client().startContainerCmd(id).exec();
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
        rows.add(new Row(id, d.path("defect").asText(), statuses, expect, outcome.report().isMissingNode() ? "none" : outcome.verdict(), outcome.exitCode(), caught, outcome.took().toMillis() / 1000.0));

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

    /** What a defect must do to a criterion: its status, and a regex its summary matches. */
    private record Expectation(String status, String summary) {
        static Expectation of(JsonNode node) {
            return node.isTextual() ? new Expectation("failed", node.asText()) : new Expectation(node.path("status").asText(), node.path("summary").asText());
        }

        boolean metBy(GateRuns.Outcome outcome, String id) {
            return outcome.status(id).equals(status) && Pattern.compile(summary).matcher(outcome.summary(id)).find();
        }
    }

    @AfterAll
    void writeMatrix() throws IOException {
        lane.close();
        double wall = (System.nanoTime() - startedNanos) / 1e9;
        StringBuilder md = new StringBuilder("# Defect matrix\n\n")
                .append("Each row is one defect of `fixtures/faults/defects.json` run against the bundled stack. ")
                .append("`CAUGHT` = failed as expected with the expected cause; `pass` = passed; `-` = not selected for this defect; ")
                .append("`fail*` = failed as an allowed consequence; `CAUGHT(not_run)` / `CAUGHT(error)` = the expected other status. ")
                .append("Verdict and exit code are the run's, as expected by the row.\n\n| defect | ");
        IDS.forEach(c -> md.append(c).append(" | "));
        md.append("verdict | exit | time | result |\n|---|");
        IDS.forEach(c -> md.append("---|"));
        md.append("---|---|---|---|\n");
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
            md.append(String.format("%s | %d | %.0f s | %s |%n", r.verdict(), r.exit(), r.seconds(), r.caught() ? "caught" : "SURVIVED"));
            total += r.seconds();
        }
        Set<String> covered = new TreeSet<>();
        rows.stream().filter(Row::caught).forEach(r -> r.expected().forEach((c, e) -> {
            if (e.status().equals("failed")) {
                covered.add(c);
            }
        }));
        md.append(String.format("%nDefects: %d, caught: %d, survived: %d. Criteria caught by at least one defect: %d of %d (%s). "
                        + "Matrix time: %.0f s of rows, %.0f s from the first row to the last (the rows with the real soak run in a lane beside the others: %s).%n",
                rows.size(), rows.stream().filter(Row::caught).count(), rows.stream().filter(r -> !r.caught()).count(), covered.size(), IDS.size(),
                String.join(", ", covered), total, wall, lane.ids().isEmpty() ? "none selected" : String.join(", ", lane.ids())));
        Path out = GateRuns.PROJECT.resolve("reports/selftest/defect-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
        // the lane's rows are checked for what is theirs; anything else the matrix left shows here
        assertThat(beforeAll.leftoversIn(EngineSnapshot.take(new DockerEngine()))).as("what the whole matrix left behind").isEmpty();
        // rows build beside the lane (its own image names): no build of any row is left without a name
        Set<String> nameless = EngineSnapshot.namelessImages(new DockerEngine());
        nameless.removeAll(namelessBefore);
        assertThat(nameless).as("images the matrix left without a name").isEmpty();
        if (System.getProperty("selftest.defects") == null && rows.size() == planned) {
            assertThat(covered).as("criteria caught by some defect").containsAll(IDS);
        }
    }
}
