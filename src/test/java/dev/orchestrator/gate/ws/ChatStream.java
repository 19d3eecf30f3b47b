package dev.orchestrator.gate.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        if (e.type().equals("orchestrator_chat")) {
            JsonNode message = json(e).path("message");
            return !(message.isTextual() ? message.asText() : message.path("message").asText("")).isEmpty();
        }
        return e.type().equals("chat_stream") && !json(e).path("chunk").asText("").isEmpty();
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

    private static JsonNode json(WsEvent e) {
        try {
            return JSON.readTree(e.text());
        } catch (Exception ex) {
            return JSON.missingNode();
        }
    }
}
