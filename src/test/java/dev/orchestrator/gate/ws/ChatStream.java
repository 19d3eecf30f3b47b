package dev.orchestrator.gate.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.await.Waits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a chat answer streams (contract doc): the first message carrying answer text, either an
 * {@code orchestrator_chat} text chunk or a non-empty {@code chat_stream} chunk, is the first chunk;
 * {@code chat_stream} with {@code is_complete: true} is the end.
 */
public final class ChatStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatStream() {
    }

    public static boolean carriesAnswerText(WsEvent e) {
        return !chunkText(e).isEmpty();
    }

    /** The answer text an event carries ("" for any other event). */
    public static String chunkText(WsEvent e) {
        if (e.type().equals("orchestrator_chat")) {
            JsonNode message = json(e).path("message");
            return message.isTextual() ? message.asText() : message.path("message").asText("");
        }
        return e.type().equals("chat_stream") ? json(e).path("chunk").asText("") : "";
    }

    /** The answer's text chunks among {@code events}, up to its completion. */
    public static List<String> chunks(List<WsEvent> events) {
        List<String> texts = new ArrayList<>();
        for (WsEvent e : events) {
            if (completes(e)) {
                break;
            }
            String text = chunkText(e);
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return texts;
    }

    public static boolean completes(WsEvent e) {
        return e.type().equals("chat_stream") && json(e).path("is_complete").asBoolean(false);
    }

    /** The first answer text and the completion among {@code events}, in their order. */
    public static Optional<WsEvent> firstChunk(List<WsEvent> events) {
        return events.stream().filter(ChatStream::carriesAnswerText).findFirst();
    }

    public static Optional<WsEvent> completion(List<WsEvent> events) {
        return events.stream().filter(ChatStream::completes).findFirst();
    }

    /** Waits until an answer that started after {@code since} (the connection's clock) completes on {@code ws}; false when it did not in time or the socket
     * closed. */
    public static boolean awaitCompletion(SoakConnection ws, double since, Duration timeout) {
        return Waits.until("streamed chat answer complete", timeout, Duration.ofMillis(100),
                c -> c.failFast("the WebSocket closed before the answer completed", () -> !ws.isOpen()),
                () -> completion(ws.messages(m -> m.atSeconds() >= since)).isPresent());
    }

    private static JsonNode json(WsEvent e) {
        try {
            return JSON.readTree(e.text());
        } catch (Exception ex) {
            return JSON.missingNode();
        }
    }
}
