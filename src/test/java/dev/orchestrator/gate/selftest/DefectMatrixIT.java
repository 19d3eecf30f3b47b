package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.docker.DockerEngine;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final List<String> IDS = Stream.iterate(1, i -> i + 1).limit(15).map(i -> String.format("AC-%02d", i)).toList();

    /** One row of the matrix. */
    private record Row(String id, String defect, Map<String, String> statuses, Set<String> expected, boolean caught, double seconds) {
    }

    private final List<Row> rows = new ArrayList<>();
    private int planned;

    @TestFactory
    Stream<DynamicTest> everyDefectIsCaught() throws IOException {
        JsonNode defects = new ObjectMapper().readTree(GateRuns.PROJECT.resolve("fixtures/faults/defects.json").toFile()).path("defects");
        List<DynamicTest> tests = new ArrayList<>();
        // -Dselftest.defects=<regex> runs a subset (the matrix file then says so)
        Pattern only = Pattern.compile(System.getProperty("selftest.defects", ".*"));
        for (JsonNode d : defects) {
            if (!only.matcher(d.path("id").asText()).matches()) {
                continue;
            }
            planned++;
            tests.add(DynamicTest.dynamicTest(d.path("id").asText() + ": " + d.path("defect").asText(), () -> runDefect(d)));
        }
        return tests.stream();
    }

    private void runDefect(JsonNode d) {
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
        System.out.println("[selftest] defect " + id + ": " + d.path("defect").asText() + " (" + config + ")");
        EngineSnapshot before = EngineSnapshot.take(new DockerEngine());
        GateRuns.Outcome outcome = GateRuns.runInProcess(config);
        EngineSnapshot after = EngineSnapshot.take(new DockerEngine());

        Set<String> selected = new TreeSet<>(Arrays.asList(d.path("criteria").asText().split(",")));
        Map<String, String> expect = new LinkedHashMap<>();
        d.path("expect").fields().forEachRemaining(e -> expect.put(e.getKey(), e.getValue().asText()));
        Set<String> mayFail = new TreeSet<>();
        d.path("may_fail").forEach(n -> mayFail.add(n.asText()));

        Map<String, String> statuses = new LinkedHashMap<>();
        IDS.forEach(c -> statuses.put(c, outcome.status(c)));
        boolean caught = expect.keySet().stream().allMatch(c -> outcome.status(c).equals("failed")
                && Pattern.compile(expect.get(c)).matcher(outcome.summary(c)).find());
        rows.add(new Row(id, d.path("defect").asText(), statuses, expect.keySet(), caught, outcome.took().toMillis() / 1000.0));

        SoftAssertions softly = new SoftAssertions();
        expect.forEach((c, regex) -> {
            softly.assertThat(outcome.status(c)).as("%s: %s should fail; its summary: %s", id, c, outcome.summary(c)).isEqualTo("failed");
            softly.assertThat(outcome.summary(c)).as("%s: %s should name the cause /%s/", id, c, regex).containsPattern(regex);
        });
        selected.stream().filter(c -> !expect.containsKey(c) && !mayFail.contains(c)).forEach(c ->
                softly.assertThat(outcome.status(c)).as("%s: %s is not affected by this defect and should pass: %s", id, c, outcome.summary(c))
                        .isIn("passed", "not_applicable"));
        boolean advisoryOnly = expect.keySet().stream().allMatch(c -> c.equals("AC-15"));
        softly.assertThat(outcome.verdict()).as("%s: verdict", id).isEqualTo(advisoryOnly ? "partial" : "fail");
        softly.assertThat(outcome.exitCode()).as("%s: exit code", id).isEqualTo(advisoryOnly ? 0 : 1);
        softly.assertThat(before.leftoversIn(after)).as("%s: what the run left on the engine", id).isEmpty();
        softly.assertAll();
    }

    @AfterAll
    void writeMatrix() throws IOException {
        StringBuilder md = new StringBuilder("# Defect matrix\n\n")
                .append("Each row is one defect of `fixtures/faults/defects.json` run against the bundled stack. ")
                .append("`CAUGHT` = failed as expected with the expected cause; `pass` = passed; `-` = not selected for this defect; ")
                .append("`fail*` = failed as an allowed consequence.\n\n| defect | ");
        IDS.forEach(c -> md.append(c).append(" | "));
        md.append("time | result |\n|---|");
        IDS.forEach(c -> md.append("---|"));
        md.append("---|---|\n");
        double total = 0;
        for (Row r : rows) {
            md.append("| ").append(r.id()).append(" | ");
            for (String c : IDS) {
                String s = r.statuses().get(c);
                md.append(r.expected().contains(c) ? (s.equals("failed") ? "**CAUGHT**" : "MISSED(" + s + ")")
                        : switch (s) {
                            case "passed" -> "pass";
                            case "failed" -> "fail*";
                            case "not_run" -> "-";
                            default -> s;
                        }).append(" | ");
            }
            md.append(String.format("%.0f s | %s |%n", r.seconds(), r.caught() ? "caught" : "SURVIVED"));
            total += r.seconds();
        }
        Set<String> covered = new TreeSet<>();
        rows.stream().filter(Row::caught).forEach(r -> covered.addAll(r.expected()));
        md.append(String.format("%nDefects: %d, caught: %d, survived: %d. Criteria caught by at least one defect: %d of 15 (%s). Matrix time: %.0f s.%n",
                rows.size(), rows.stream().filter(Row::caught).count(), rows.stream().filter(r -> !r.caught()).count(), covered.size(),
                String.join(", ", covered), total));
        Path out = GateRuns.PROJECT.resolve("reports/selftest/defect-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
        if (System.getProperty("selftest.defects") == null && rows.size() == planned) {
            assertThat(covered).as("criteria caught by some defect").containsAll(IDS);
        }
    }
}
