package dev.orchestrator.gate.scenario;

import dev.orchestrator.gate.api.JsonAnswer;
import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.availability.MarkedAction;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.run.GateRun;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The round of resets the soak window sends, once, whichever criterion needs it first: a session is opened
 * when none exists (one chat, as the SDK does), then five resets with clear_session=true. AC-11 judges
 * their answers and the session; AC-12 judges the backend after them (also when they failed).
 */
public final class ResetRound {

    public static final int RESETS = 5;
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(15);
    private static final String SESSION_CHAT = "Open a session for the release gate";

    private final List<Long> latenciesMs = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    /** problem -> how many resets had it, in first-seen order ("answered HTTP 500: reset failed" -> 5). */
    private final Map<Problem, Integer> problems = new LinkedHashMap<>();
    private Object sessionBefore;
    private Optional<String> sessionOpenedBy = Optional.empty();
    private Object sessionAfter;
    private ContainerSnapshot beforeResets;
    private ContainerSnapshot afterResets;
    private MarkedAction action;

    static ResetRound perform(GateRun gate, SoakStart soak) {
        ResetRound round = new ResetRound();
        OrchestratorApi api = gate.api();
        round.sessionBefore = api.sessionId();
        if (round.sessionBefore == null) {
            // a fresh database has no session: one chat opens it, recorded before the resets
            Response sent = api.sendChat(gate.settings().chatMessage().orElse(SESSION_CHAT), soak.orchestratorId());
            round.sessionOpenedBy = Optional.of(sent.statusCode() + " " + sent.asString());
            Waits.until("a session after a chat", SESSION_TIMEOUT, Duration.ofMillis(250), () -> api.sessionId() != null);
            round.sessionBefore = api.sessionId();
        }
        // the identity the resets are judged against, taken right before the first one: what changed earlier (a chat, the
        // UI's click) is the step's that was running then, never the resets'
        round.beforeResets = gate.stack().map(ServiceContainer::snapshot).orElse(null);
        // the availability record marks the resets alone: the chat that opened a session is not a reset
        Availability availability = gate.availability();
        Availability.Mark mark = availability.begin(Criterion.AC_11.id(), "the resets");
        for (int i = 1; i <= RESETS; i++) {
            long start = System.nanoTime();
            Response r = api.reset(true);
            round.latenciesMs.add((System.nanoTime() - start) / 1_000_000);
            soak.soak().markReset();
            round.record(r);
        }
        round.action = availability.end(mark);
        if (round.beforeResets != null) {
            round.afterResets = gate.stack().orElseThrow().engine().snapshot(round.beforeResets.id());
        }
        round.sessionAfter = api.sessionId();
        return round;
    }

    private void record(Response r) {
        int status = r.statusCode();
        String body = r.asString();
        String contentType = r.contentType();
        answers.add(status + " " + body);
        if (status != 200) {
            problems.merge(Problem.of(ProblemCode.RESET_HTTP_STATUS, "answered HTTP " + status + ": " + abbreviate(body)), 1, Integer::sum);
        } else if (contentType == null || !contentType.contains("json")) {
            problems.merge(Problem.of(ProblemCode.RESET_ANSWER, "answered 200 without JSON: " + abbreviate(body)), 1, Integer::sum);
        } else {
            JsonAnswer answer = JsonAnswer.of(body);
            if (!Boolean.TRUE.equals(answer.get("success"))) {
                problems.merge(Problem.of(ProblemCode.RESET_ANSWER, "answered success=" + answer.get("success") + ": " + abbreviate(body)), 1,
                        Integer::sum);
            }
            if (!Boolean.TRUE.equals(answer.get("session_cleared"))) {
                problems.merge(Problem.of(ProblemCode.RESET_ANSWER, "answered session_cleared=" + answer.get("session_cleared")), 1, Integer::sum);
            }
        }
    }

    private static String abbreviate(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    public int sent() {
        return latenciesMs.size();
    }

    /** One problem per distinct answer: "5 of 5 resets answered HTTP 500: {...}". */
    public List<Problem> problems() {
        List<Problem> lines = new ArrayList<>();
        problems.forEach((problem, n) -> lines.add(Problem.of(problem.code(), n + " of " + sent() + " resets " + problem.message())));
        return lines;
    }

    public List<Long> latenciesMs() {
        return List.copyOf(latenciesMs);
    }

    /** min / median / max in ms. */
    public Map<String, Long> latencyStats() {
        List<Long> sorted = latenciesMs.stream().sorted().toList();
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("min", sorted.get(0));
        stats.put("median", sorted.get(sorted.size() / 2));
        stats.put("max", sorted.get(sorted.size() - 1));
        return stats;
    }

    public String answers() {
        return String.join("\n", answers);
    }

    /** The session before the resets (null when none existed and a chat did not open one). */
    public Object sessionBefore() {
        return sessionBefore;
    }

    /** How the chat that opened the session answered, when the gate had to open one. */
    public Optional<String> sessionOpenedBy() {
        return sessionOpenedBy;
    }

    public Object sessionAfter() {
        return sessionAfter;
    }

    /** The backend's identity right before the first reset (null in live mode). */
    public ContainerSnapshot beforeResets() {
        return beforeResets;
    }

    /** The resets as the availability record marked them (what each lane saw while they ran, read when asked). */
    public Optional<MarkedAction> action() {
        return Optional.ofNullable(action);
    }

    /** The service's container right after the last reset (null in live mode). */
    public ContainerSnapshot afterResets() {
        return afterResets;
    }
}
