package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.scenario.SoakStart;
import dev.orchestrator.gate.ws.ChatStream;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.WsEvent;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.orchestrator.gate.report.Rounding.hundredths;

/**
 * AC-13: a chat sent with POST /send_chat gets a complete streamed answer on the WebSocket while the long
 * operation runs. "While it runs" is shown, not inferred: the long operation's own POST was accepted, and
 * its result had not arrived when the chat's answer completed.
 */
public final class ChatRoundtrip implements Check {

    private final OrchestratorApi api;
    private final SoakStart soak;
    private final String message;
    private final Duration budget;

    public ChatRoundtrip(OrchestratorApi api, SoakStart soak, String message, Duration budget) {
        this.api = api;
        this.soak = soak;
        this.message = message;
        this.budget = budget;
    }

    @Override
    public Outcome check(Findings findings) {
        Optional<SoakConnection> direct = SoakConnections.connected(soak, "direct");
        if (direct.isEmpty()) {
            return Outcome.failed(Problem.of(ProblemCode.WS_NOT_CONNECTED, "the direct soak WebSocket is not connected, so no streamed answer can arrive: "
                    + SoakConnections.status(soak, "direct")));
        }
        SoakConnection ws = direct.get();
        soak.longOperation().ifPresent(op -> findings.evidence("the long operation's POST /send_chat", op.describe()));
        Optional<SoakStart.LongOperationStart> refused = soak.longOperation().filter(op -> !op.accepted());
        if (refused.isPresent()) {
            return Outcome.failed(Problem.of(ProblemCode.OPERATION_REFUSED, "the long operation was refused (" + refused.get().describe()
                    + "), so the chat cannot be shown to run while it runs"));
        }
        double sentAt = ws.ageSeconds();
        Response sent = api.sendChat(message, soak.orchestratorId());
        findings.evidence("POST /send_chat", sent.statusCode() + " " + sent.asString());
        if (sent.statusCode() != 200) {
            return Outcome.failed(Problem.of(ProblemCode.SEND_CHAT_HTTP_STATUS, "POST /send_chat answered " + sent.statusCode() + ": " + sent.asString()));
        }
        if (!ChatStream.awaitCompletion(ws, sentAt, budget)) {
            List<WsEvent> stream = ws.messages(m -> m.atSeconds() >= sentAt && m.type().startsWith("chat"));
            findings.evidence("chat messages received", stream.toString());
            return Outcome.failed(Problem.of(ProblemCode.ANSWER_INCOMPLETE, "chat answer never completed: " + stream.size() + " chat messages arrived within "
                    + budget.toSeconds() + " s, none with is_complete=true" + (ws.isOpen() ? "" : "; " + ws.status())));
        }
        List<WsEvent> answer = ws.messages(m -> m.atSeconds() >= sentAt);
        WsEvent completion = ChatStream.completion(answer).orElseThrow();
        double complete = completion.atSeconds() - sentAt;
        Optional<WsEvent> firstChunk = ChatStream.firstChunk(answer).filter(e -> e.atSeconds() <= completion.atSeconds());
        if (firstChunk.isEmpty()) {
            return Outcome
                    .failed(Problem.of(ProblemCode.ANSWER_EMPTY, "the answer completed without any text: no orchestrator_chat or non-empty chat_stream chunk"
                    + " before is_complete=true"));
        }
        double first = firstChunk.get().atSeconds() - sentAt;
        findings.measure("first_chunk_s", hundredths(first)).measure("complete_s", hundredths(complete));
        String summary = String.format("answer streamed: first chunk after %.2f s, complete after %.2f s", first, complete);
        if (soak.longOperation().isEmpty()) {
            return Outcome.passed(summary + " (no long operation configured to run beside it)");
        }
        // the long operation's result, if it arrived, must come after this answer's completion (the same connection's clock);
        // said as measured: its result came later, or had not come when the answer completed
        Optional<Double> result = soak.soak().longOperationResultOn(ws);
        boolean running = result.map(at -> at > completion.atSeconds()).orElse(true);
        findings.measure("long_operation_running", running);
        if (!running) {
            return Outcome
                    .failed(Problem.of(ProblemCode.NOT_CONCURRENT, "the chat should run while the long operation is still going, but the long operation had"
                    + " already delivered its result"));
        }
        return Outcome
                .passed(summary + result
                .map(at -> String.format(", while the long operation was still running (its result came %.1f s later)", at - completion.atSeconds()))
                .orElse(", while the long operation had not delivered its result yet (accepted, no result on this connection when the answer completed)"));
    }
}
