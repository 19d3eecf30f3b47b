package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.report.CriterionReporter;
import io.restassured.response.Response;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** The resets AC-11 sends, what each answered and how long it took; AC-12 judges the backend after them. */
final class ResetRound {

    private final List<Long> latenciesMs = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    /** problem -> how many resets had it, in first-seen order ("answered HTTP 500: reset failed" -> 5). */
    private final Map<String, Integer> problems = new LinkedHashMap<>();

    /** Sends {@code count} resets with clear_session=true; {@code afterEach} marks them on the soak timeline. */
    static ResetRound send(OrchestratorApi api, int count, Runnable afterEach) {
        ResetRound round = new ResetRound();
        for (int i = 1; i <= count; i++) {
            long start = System.nanoTime();
            Response r = api.reset(true);
            round.latenciesMs.add((System.nanoTime() - start) / 1_000_000);
            afterEach.run();
            round.record(r.statusCode(), r.contentType(), r.asString(), r);
        }
        return round;
    }

    /** Sends one chat so the orchestrator opens a session; its id, or null when none appeared within {@code timeout}. */
    static Object openSession(OrchestratorApi api, String orchestratorId, String message, Duration timeout, CriterionReporter report) {
        Response sent = api.sendChat(message, orchestratorId);
        report.evidence("session created for the reset by POST /send_chat", sent.statusCode() + " " + sent.asString());
        try {
            await("a session after a chat").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> api.sessionId() != null);
        } catch (ConditionTimeoutException e) {
            return null;
        }
        return api.sessionId();
    }

    void record(int status, String contentType, String body, Response r) {
        answers.add(status + " " + body);
        if (status != 200) {
            problems.merge("answered HTTP " + status + ": " + abbreviate(body), 1, Integer::sum);
        } else if (contentType == null || !contentType.contains("json")) {
            problems.merge("answered 200 without JSON: " + abbreviate(body), 1, Integer::sum);
        } else {
            if (!Boolean.TRUE.equals(r.jsonPath().get("success"))) {
                problems.merge("answered success=" + r.jsonPath().get("success") + ": " + abbreviate(body), 1, Integer::sum);
            }
            if (!Boolean.TRUE.equals(r.jsonPath().get("session_cleared"))) {
                problems.merge("answered session_cleared=" + r.jsonPath().get("session_cleared"), 1, Integer::sum);
            }
        }
    }

    private static String abbreviate(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    int sent() {
        return latenciesMs.size();
    }

    /** One line per distinct problem: "5 of 5 resets answered HTTP 500: {...}". */
    List<String> problemLines() {
        List<String> lines = new ArrayList<>();
        problems.forEach((problem, n) -> lines.add(n + " of " + sent() + " resets " + problem));
        return lines;
    }

    List<Long> latenciesMs() {
        return latenciesMs;
    }

    /** min / median / max in ms. */
    Map<String, Long> latencyStats() {
        List<Long> sorted = latenciesMs.stream().sorted().toList();
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("min", sorted.get(0));
        stats.put("median", sorted.get(sorted.size() / 2));
        stats.put("max", sorted.get(sorted.size() - 1));
        return stats;
    }

    String answers() {
        return String.join("\n", answers);
    }
}
