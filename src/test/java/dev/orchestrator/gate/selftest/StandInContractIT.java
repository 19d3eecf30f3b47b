package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.config.GateSettings;
import dev.orchestrator.gate.ws.ChatStream;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.WsEvent;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reference stand-in answers every call of shared/docs/orchestrator-contract.md with the documented shape. */
@ExtendWith(OnThisMachinesEngine.class)
class StandInContractIT {

    private static final Duration STREAM = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("every endpoint of the contract, with its documented fields")
    void everyCallAnswersWithTheDocumentedShape() {
        BundledStack.whileUp("gateselftest-contract", () -> checkContract(new OrchestratorApi(URI.create("http://127.0.0.1:9403"),
                new GateSettings.Endpoints("/health", "/ws", "/api/orchestrator/reset", "/api/orchestrator/reboot"))));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static void checkContract(OrchestratorApi api) {
        Response health = api.health();
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.jsonPath().getString("status")).isEqualTo("healthy");
        assertThat(health.jsonPath().getString("service")).isEqualTo("orchestrator-3-stream");
        assertThat(health.jsonPath().getInt("websocket_connections")).isGreaterThanOrEqualTo(0);

        Response index = api.index();
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        // the header button as the contract doc describes it (label, aria-label, title, class), no fault switched on
        assertThat(index.asString()).contains("aria-label=\"Reboot orchestrator\"").contains("title=\"Reboot orchestrator (backend + frontend)\"")
                .contains("class=\"btn-refresh\"").contains("🔄 REBOOT ORCHESTRATOR").doesNotContain("STANDIN_FAULTS");

        Response get = api.getOrchestrator();
        assertThat(get.jsonPath().getString("status")).isEqualTo("success");
        String id = get.jsonPath().getString("orchestrator.id");
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(get.jsonPath().getMap("orchestrator")).containsKeys("session_id", "status");

        try (SoakConnection ws = SoakConnection.open("contract", api.wsUri(api.baseUrl()))) {
            await("connection_established").atMost(STREAM).until(() -> ws.firstMessage().isPresent());
            JsonNode hello = json(ws.firstMessage().orElseThrow().text());
            assertThat(hello.path("type").asText()).isEqualTo("connection_established");
            assertThat(hello.path("client_id").asText()).isNotEmpty();
            assertThat(hello.path("timestamp").asText()).isNotEmpty();
            assertThat(hello.path("message").asText()).isEqualTo("Connected to Orchestrator Backend");

            Response sent = api.sendChat("contract check", id);
            assertThat(sent.statusCode()).isEqualTo(200);
            assertThat(sent.jsonPath().getString("status")).isEqualTo("success");
            assertThat(sent.jsonPath().getString("message")).isEqualTo("Message received, processing with streaming");
            await("streamed answer").atMost(STREAM).until(() -> ChatStream.completion(ws.messages(m -> true)).isPresent());
            assertThat(ws.messages(m -> true).stream().map(WsEvent::type)).contains("chat_typing", "orchestrator_chat", "chat_stream");
            // text arrives as orchestrator_chat chunks (contract doc, corrected), the end as chat_stream is_complete=true
            JsonNode chunk = json(ChatStream.firstChunk(ws.messages(m -> true)).orElseThrow().text());
            assertThat(chunk.path("type").asText()).isEqualTo("orchestrator_chat");
            assertThat(chunk.path("message").path("orchestrator_agent_id").asText()).isEqualTo(id);
            assertThat(chunk.path("message").path("sender_type").asText()).isEqualTo("orchestrator");
            assertThat(chunk.path("message").path("metadata").path("type").asText()).isEqualTo("text_chunk");
            assertThat(chunk.path("message").path("message").asText()).isNotEmpty();
            List<WsEvent> stream = ws.messages(m -> m.type().equals("chat_stream"));
            JsonNode last = json(stream.get(stream.size() - 1).text());
            assertThat(last.path("orchestrator_agent_id").asText()).isEqualTo(id);
            assertThat(last.path("is_complete").asBoolean()).isTrue();
            assertThat(last.has("chunk")).isTrue();
            ws.close();
        }
        Object session = api.sessionId();
        assertThat(session).as("the chat opened a session").isNotNull();

        Response keep = api.reset(false);
        assertThat(keep.jsonPath().getBoolean("success")).isTrue();
        assertThat(keep.jsonPath().getBoolean("session_cleared")).isFalse();
        assertThat(keep.jsonPath().getString("orchestrator_id")).isEqualTo(id);
        assertThat(keep.jsonPath().getString("timestamp")).isNotEmpty();
        assertThat(api.sessionId()).as("reset without clear_session keeps the session").isEqualTo(session);

        Response clear = api.reset(true);
        assertThat(clear.jsonPath().getBoolean("success")).isTrue();
        assertThat(clear.jsonPath().getBoolean("session_cleared")).isTrue();
        assertThat(clear.jsonPath().getString("session_id")).isNull();
        assertThat(clear.jsonPath().getString("message")).isNotEmpty();
        assertThat(api.sessionId()).isNull();

        Response reboot = api.reboot();
        assertThat(reboot.statusCode()).isEqualTo(200);
        assertThat(reboot.jsonPath().getBoolean("success")).isTrue();

        Response bad = api.sendChat("", id);
        assertThat(bad.jsonPath().getBoolean("success")).as("a failure answers success:false with an error").isFalse();
        assertThat(bad.jsonPath().getString("error")).isNotEmpty();
    }
}
