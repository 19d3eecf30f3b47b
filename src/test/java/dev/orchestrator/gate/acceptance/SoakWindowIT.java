package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.docker.ContainerIdentity;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.report.Criterion;
import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.report.Status;
import dev.orchestrator.gate.run.AcceptancePhase;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.ws.ChatStream;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.SoakWindow;
import dev.orchestrator.gate.ws.WsEvent;
import io.restassured.response.Response;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.orchestrator.gate.report.Rounding.hundredths;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Phase 4, the soak window: idle WebSockets stay open for the soak length (AC-09) while a long
 * operation runs (AC-10); inside it a chat is answered while that operation runs (AC-13), a user
 * with an open tab loads the UI (AC-07), chats in it (AC-17) and clicks its reset button (AC-16),
 * then the resets (AC-11, AC-12) happen.
 */
@AcceptancePhase
@Order(4)
@DisplayName("Soak window (AC-07, AC-09..AC-13, AC-16, AC-17)")
class SoakWindowIT {

    private static final int RESETS = 5;
    private static final Duration DELAYED_RESTART_WATCH = Duration.ofSeconds(5);
    private static final Duration SNAPSHOT_POLL = Duration.ofSeconds(1);
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(15);
    private static final String SESSION_CHAT = "Open a session for the release gate";

    private SoakWindow soak;
    private ContainerSnapshot before;
    private ContainerSnapshot afterResets;
    private Double proxyIdle;
    private String orchestratorId;
    private ResetRound resets;
    private UiTab tab;

    @BeforeAll
    void openSoak(GateRun gate) {
        Optional<SoakStart> early = gate.takeOver(SoakStart.class);
        if (gate.record().result(Criterion.AC_06).status != Status.passed || !SoakStart.needed(gate)) {
            early.ifPresent(SoakStart::close);
            return; // every criterion here requires AC-06 and says so; or nothing of this window was selected
        }
        SoakStart start = early.orElseGet(() -> SoakStart.open(gate, "now"));
        soak = start.soak();
        before = start.before();
        proxyIdle = start.proxyIdle();
        orchestratorId = start.orchestratorId();
    }

    @AfterAll
    void closeSoak(GateRun gate) {
        if (tab != null) {
            tab.close();
        }
        if (soak != null) {
            soak.close();
            gate.record().timings.soakS = Math.round(soak.endedAt() * 10) / 10.0;
        }
    }

    @Test
    @Order(2)
    @Tag("AC-07")
    @DisplayName("AC-07 the UI is served and renders in a browser with no error, calling only the origins under test")
    void uiServed(GateRun gate, CriterionReporter report) {
        SoftAssertions softly = new SoftAssertions();
        StringBuilder summary = new StringBuilder();
        UiRender.served(gate.api(), "direct", softly, report, summary);
        gate.edgeApi().ifPresent(edge -> UiRender.served(edge, "through the edge proxy", softly, report, summary));
        tab = UiTab.launch(gate); // read-only: the render check runs in live mode too
        summary.append(UiRender.check(tab, report, softly));
        report.summary(summary.toString());
        softly.assertAll();
    }

    @Test
    @Order(3)
    @Tag("AC-17")
    @DisplayName("AC-17 a message typed into the UI gets its answer shown in the chat panel")
    void uiChat(GateRun gate, CriterionReporter report) {
        Optional<String> message = gate.settings().ui().chatMessage();
        if (message.isEmpty()) {
            report.notApplicable("no UI chat message configured (acceptance.ui.chat-message)");
            return;
        }
        if (LiveMode.skipsStateChange(gate, report)) {
            return;
        }
        SoakConnection ws = connectedDirect("so the answer's text cannot be known");
        UiChat.check(tab, ws, message.get(), report);
    }

    @Test
    @Order(4)
    @Tag("AC-16")
    @DisplayName("AC-16 the header's reboot/reset button resets in the browser: reset request, reconnect, same backend")
    void uiReset(GateRun gate, CriterionReporter report) {
        if (LiveMode.skipsStateChange(gate, report)) {
            return;
        }
        UiReset.check(gate, tab, report);
    }

    @Test
    @Order(5)
    @Tag("AC-11")
    @DisplayName("AC-11 reset clears the session within the latency budget")
    void resetClearsSession(GateRun gate, CriterionReporter report) {
        if (LiveMode.skipsStateChange(gate, report)) {
            return;
        }
        OrchestratorApi api = gate.api();
        Object sessionBefore = api.sessionId();
        if (sessionBefore == null) {
            // a fresh database has no session: one chat opens it (as the SDK does), recorded before the resets
            sessionBefore = ResetRound.openSession(api, orchestratorId, gate.settings().chatMessage().orElse(SESSION_CHAT), SESSION_TIMEOUT, report);
        }
        int budget = gate.settings().resetBudgetMs();
        resets = ResetRound.send(api, RESETS, soak::markReset);
        if (before != null) {
            afterResets = gate.stack().orElseThrow().engine().snapshot(before.id());
        }
        Object sessionAfter = api.sessionId();
        Map<String, Long> stats = resets.latencyStats();
        gate.record().timings.resetLatencyMs = new LinkedHashMap<>(stats);
        report.measure("latencies_ms", resets.latenciesMs()).measure("budget_ms", budget).measure("latency_ms", stats)
                .measure("session_before", String.valueOf(sessionBefore)).measure("session_after", String.valueOf(sessionAfter))
                .evidence("responses", resets.answers())
                .summary(String.format("%d resets: latency min %d / median %d / max %d ms (budget %d ms); session %s -> %s",
                        RESETS, stats.get("min"), stats.get("median"), stats.get("max"), budget, sessionBefore, sessionAfter));
        SoftAssertions softly = new SoftAssertions();
        resets.problemLines().forEach(softly::fail);
        if (stats.get("max") > budget) {
            softly.fail(String.format("slowest of %d resets took %d ms, budget %d ms", RESETS, stats.get("max"), budget));
        }
        if (sessionBefore != null && sessionAfter != null) {
            softly.fail(String.format("orchestrator session_id after reset?clear_session=true is still '%s' (was '%s')", sessionAfter, sessionBefore));
        }
        softly.assertAll();
        Assumptions.assumeTrue(sessionBefore != null, "not run: no session existed before the resets and a chat did not create one within "
                + SESSION_TIMEOUT.toSeconds() + " s, so clearing one cannot be shown");
    }

    @Test
    @Order(1)
    @Tag("AC-13")
    @DisplayName("AC-13 a chat message gets a complete streamed answer while the long operation runs")
    void chatRoundtrip(GateRun gate, CriterionReporter report) {
        Optional<String> message = gate.settings().chatMessage();
        if (message.isEmpty()) {
            report.notApplicable("no chat message configured (acceptance.chat.message)");
            return;
        }
        if (LiveMode.skipsStateChange(gate, report)) {
            return;
        }
        SoakConnection ws = connectedDirect("so no streamed answer can arrive");
        OrchestratorApi api = gate.api();
        double sentAt = ws.ageSeconds();
        Response sent = api.sendChat(message.get(), orchestratorId);
        report.evidence("POST /send_chat", sent.statusCode() + " " + sent.asString());
        assertThat(sent.statusCode()).as("POST /send_chat answered %d: %s", sent.statusCode(), sent.asString()).isEqualTo(200);
        Duration budget = gate.settings().chatBudget();
        if (!ChatStream.awaitCompletion(ws, sentAt, budget)) {
            List<WsEvent> stream = ws.messages(m -> m.atSeconds() >= sentAt && m.type().startsWith("chat"));
            report.evidence("chat messages received", stream.toString());
            throw new AssertionError("chat answer never completed: " + stream.size() + " chat messages arrived within " + budget.toSeconds()
                    + " s, none with is_complete=true" + (ws.isOpen() ? "" : "; " + ws.status()));
        }
        List<WsEvent> answer = since(ws, sentAt);
        double complete = ChatStream.completion(answer).orElseThrow().atSeconds() - sentAt;
        double first = ChatStream.firstChunk(answer).filter(e -> e.atSeconds() - sentAt <= complete).map(e -> e.atSeconds() - sentAt)
                .orElseThrow(() -> new AssertionError("the answer completed without any text: no orchestrator_chat or non-empty chat_stream chunk"
                        + " before is_complete=true"));
        boolean longOpRunning = soak.longOperationStart().isPresent() && soak.longOperationResult(ws).isEmpty();
        report.measure("first_chunk_s", hundredths(first)).measure("complete_s", hundredths(complete)).measure("long_operation_running", longOpRunning)
                .summary(String.format("answer streamed: first chunk after %.2f s, complete after %.2f s%s", first, complete,
                        longOpRunning ? ", while the long operation was still running" : ""));
        if (soak.longOperationStart().isPresent()) {
            assertThat(longOpRunning).as("the chat should run while the long operation is still going, but the long operation already finished").isTrue();
        }
    }

    /** The window's direct WebSocket, which carries the chat answers; a failure saying {@code why} it is needed when it is not connected. */
    private SoakConnection connectedDirect(String why) {
        return soak.connection("direct").filter(SoakConnection::connected)
                .orElseThrow(() -> new AssertionError("the direct soak WebSocket is not connected, " + why));
    }

    /** Messages that arrived on {@code ws} since {@code at} (its own clock). */
    private static List<WsEvent> since(SoakConnection ws, double at) {
        return ws.messages(m -> m.atSeconds() >= at);
    }

    @Test
    @Order(6)
    @Tag("AC-12")
    @DisplayName("AC-12 reset keeps exactly one container: no restart, no second backend, port still held")
    void resetKeepsOneContainer(GateRun gate, CriterionReporter report) {
        Optional<StackTarget> target = LiveMode.stack(gate, report, "live mode without Docker access: container identity cannot be checked");
        if (target.isEmpty()) {
            return;
        }
        StackTarget stack = target.get();
        Assumptions.assumeTrue(resets != null && resets.sent() > 0, "not run: no reset was sent (AC-11 did not run)");
        List<ContainerSnapshot> moments = new ArrayList<>(List.of(before));
        List<String> labels = new ArrayList<>(List.of("before resets"));
        List<String> problems = new ArrayList<>(ContainerIdentity.differences(before, afterResets, gate.port(), ServiceContainer.healthProbe(stack, before.id())));
        problems.addAll(ServiceContainer.notExactlyOne(stack));
        moments.add(afterResets);
        labels.add("right after resets");
        problems.addAll(ServiceContainer.changesWithin(stack, before, "no delayed restart " + DELAYED_RESTART_WATCH.toSeconds() + " s after the resets",
                DELAYED_RESTART_WATCH, SNAPSHOT_POLL));
        moments.add(stack.engine().snapshot(before.id()));
        labels.add(DELAYED_RESTART_WATCH.toSeconds() + " s later");
        if (problems.isEmpty()) {
            problems.addAll(ServiceContainer.changesWithin(stack, before, "one unchanged container until the soak ends", soak.remaining(), SNAPSHOT_POLL));
            stack.engine().inspect(before.id()).ifPresent(i -> {
                moments.add(stack.engine().snapshot(before.id()));
                labels.add("end of soak");
            });
        }
        SoakConnection direct = soak.connection("direct").orElseThrow();
        if (!direct.isOpen()) {
            problems.add("the WebSocket opened before the reset is no longer open: " + direct.status());
        }
        report.evidence("before/after", ContainerIdentity.table(moments, labels)).measure("checks", moments.size())
                .summary(problems.isEmpty() ? "one container " + before.name() + " (" + before.shortId() + "), same StartedAt, RestartCount "
                        + before.restartCount() + ", pid " + before.pid() + ", port " + gate.port() + " held, WebSocket still open; checked " + labels
                        : String.join("; ", problems));
        if (!problems.isEmpty()) {
            throw new AssertionError("after " + resets.sent() + " resets (" + (resets.problemLines().isEmpty() ? "all answered 200" : "failed ones included")
                    + "): " + String.join("; ", problems));
        }
    }

    @Test
    @Order(7)
    @Tag("AC-09")
    @DisplayName("AC-09 an idle WebSocket survives the soak, directly and through the proxy")
    void wsSurvives(GateRun gate, CriterionReporter report) {
        SoakSurvival.check(gate, soak, proxyIdle, report);
    }

    @Test
    @Order(8)
    @Tag("AC-10")
    @DisplayName("AC-10 an operation longer than the proxy idle limit delivers its result")
    void longOperation(GateRun gate, CriterionReporter report) {
        LongOperation.check(gate, soak, proxyIdle, resets == null ? 0 : resets.sent(), report);
    }

}
