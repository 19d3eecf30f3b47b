package dev.orchestrator.gate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * This run against the earlier runs of the same target in the same report folder (same compose files by their
 * hashes, or the same base URL in live mode): per figure the previous value, the change and a flag when it
 * crossed a threshold (twice the previous, or half its budget), the last 20 values for a chart; per criterion a
 * status change with its history ("AC-11 failed; passed in the last 4 runs").
 */
public final class Trend {

    private static final JsonNode MISSING = MissingNode.getInstance();

    /** How many earlier runs a chart shows (the report folder keeps as many). */
    static final int HISTORY = 20;

    /** A figure of the report, how to read it from a report's JSON, and its budget when it has one. */
    private record Figure(String name, String unit, Function<JsonNode, JsonNode> read, Function<JsonNode, JsonNode> budget) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("time to healthy", "s", r -> r.path("timings").path("time_to_healthy_s"), r -> criterion(r, "AC-06").path("measurements")
                    .path("budget_s")),
            new Figure("reset latency median", "ms", r -> r.path("timings").path("reset_latency_ms").path("median"), r -> criterion(r, "AC-11")
                    .path("measurements").path("budget_ms")),
            new Figure("reset latency max", "ms", r -> r.path("timings").path("reset_latency_ms").path("max"), r -> criterion(r, "AC-11").path("measurements")
                    .path("budget_ms")),
            new Figure("AC-09 longest silence", "s", r -> criterion(r, "AC-09").path("measurements").path("max_gap_s"), r -> MISSING),
            new Figure("AC-14 downtime", "s", r -> criterion(r, "AC-14").path("measurements").path("downtime_s"), r -> MISSING),
            new Figure("build", "s", r -> r.path("timings").path("build_s"), r -> MISSING),
            new Figure("overhead beyond the soak", "s", r -> r.path("timings").path("overhead_s"), r -> MISSING));

    private Trend() {
    }

    /** The trend of {@code current} (this run's report, as JSON) against the earlier reports under {@code reportsDir}; empty when there are none. */
    public static Map<String, Object> of(JsonNode current, Path reportsDir) {
        List<JsonNode> earlier = earlierRuns(reportsDir, key(current));
        Map<String, Object> trend = new LinkedHashMap<>();
        trend.put("target", key(current));
        trend.put("compared_runs", earlier.size());
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Figure f : FIGURES) {
            JsonNode now = f.read().apply(current);
            if (!now.isNumber()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", f.name());
            row.put("unit", f.unit());
            row.put("value", now.asDouble());
            List<Double> history = new ArrayList<>(earlier.stream().map(f.read()).filter(JsonNode::isNumber).map(JsonNode::asDouble).toList());
            Collections.reverse(history); // oldest first, as a chart reads
            history.add(now.asDouble());
            row.put("history", history.subList(Math.max(0, history.size() - HISTORY), history.size()));
            Optional<Double> previous = earlier.stream().map(f.read()).filter(JsonNode::isNumber).map(JsonNode::asDouble).findFirst();
            previous.ifPresent(p -> {
                row.put("previous", p);
                row.put("change", Rounding.hundredths(now.asDouble() - p));
                JsonNode budget = f.budget().apply(current);
                String flag = p > 0 && now.asDouble() >= 2 * p ? "doubled or more since the last run"
                        : budget.isNumber() && now.asDouble() > budget.asDouble() / 2 && p <= budget.asDouble() / 2 ? "crossed half its budget (" + budget
                        .asText() + " " + f.unit() + ")" : "";
                if (!flag.isEmpty()) {
                    row.put("flag", flag);
                }
            });
            figures.add(row);
        }
        trend.put("figures", figures);
        trend.put("criteria", statusChanges(current, earlier));
        long waived = Stream.concat(Stream.of(current), earlier.stream()).filter(Trend::waived).count();
        trend.put("waived_runs", waived);
        trend.put("waived_line", waived + " of the last " + (earlier.size() + 1) + " runs of this target had a failure waived");
        return trend;
    }

    /** Whether a waiver let a failure of this run through. */
    static boolean waived(JsonNode report) {
        for (JsonNode c : report.path("criteria")) {
            if (c.has("waived")) {
                return true;
            }
        }
        return false;
    }

    /** Criteria whose status differs from the last run's, each with the run of statuses before it. */
    static List<Map<String, Object>> statusChanges(JsonNode current, List<JsonNode> earlier) {
        List<Map<String, Object>> changes = new ArrayList<>();
        if (earlier.isEmpty()) {
            return changes;
        }
        for (JsonNode c : current.path("criteria")) {
            String id = c.path("id").asText();
            String now = c.path("status").asText();
            List<String> before = earlier.stream().map(r -> criterion(r, id).path("status").asText("")).filter(s -> !s.isEmpty()).toList();
            if (before.isEmpty() || before.get(0).equals(now)) {
                continue;
            }
            int same = 0;
            while (same < before.size() && before.get(same).equals(before.get(0))) {
                same++;
            }
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("id", id);
            change.put("status", now);
            change.put("previous", before.get(0));
            change.put("line", id + " " + now.replace('_', ' ') + "; " + before.get(0).replace('_', ' ') + " in the last "
                    + (same == 1 ? "run" : same + " runs"));
            changes.add(change);
        }
        return changes;
    }

    /** Which target a report is of: its compose files by content, or its base URL in live mode. */
    static String key(JsonNode report) {
        JsonNode target = report.path("target");
        if (target.path("mode").asText().equals("live")) {
            return "live " + target.path("base_url").asText();
        }
        List<String> hashes = new ArrayList<>();
        target.path("compose_files").forEach(f -> hashes.add(f.path("sha256").asText()));
        return "stack " + String.join(",", hashes);
    }

    /** The earlier reports of the same target in {@code reportsDir}, newest first, at most {@link #HISTORY}. */
    static List<JsonNode> earlierRuns(Path reportsDir, String key) {
        if (!Files.isDirectory(reportsDir)) {
            return List.of();
        }
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> dirs = Files.list(reportsDir)) {
            return dirs.filter(p -> p.getFileName().toString().matches("\\d{8}T\\d{6}Z.*")).sorted(Comparator.comparing(Path::getFileName).reversed())
                    .map(p -> p.resolve(ReportWriter.JSON_FILE)).filter(Files::isRegularFile).map(p -> {
                        try {
                            return json.readTree(p.toFile());
                        } catch (IOException e) {
                            return json.missingNode(); // a report another run is still writing, or a broken one: not compared
                        }
                    }).filter(r -> !r.isMissingNode() && key(r).equals(key)).limit(HISTORY).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static JsonNode criterion(JsonNode report, String id) {
        for (JsonNode c : report.path("criteria")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        return MISSING;
    }
}
