package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.browser.Origins;
import dev.orchestrator.gate.browser.PageActivity;
import dev.orchestrator.gate.browser.PageEvent;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.scenario.UiTab;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.WsEvent;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What AC-07, AC-16 and AC-17 decide with: the origin rule, the page's socket reconnect, and answer text shown beyond what was there. */
class UiChecksTest {

    private static PageEvent ws(long id, String event, long at) {
        return PageEvent.of(Map.of("kind", "ws", "id", id, "event", event, "url", "ws://127.0.0.1:9480/ws", "at", at));
    }

    private static PageActivity.Request request(String url, String destination, String initiatorType, String error) {
        return new PageActivity.Request("1", "GET", url, 0, destination, initiatorType, null, error);
    }

    @Test
    void reconnectIsMeasuredFromTheOldSocketsCloseToTheNewOnesOpen() {
        List<PageEvent> events = List.of(ws(1, "created", 0), ws(1, "open", 50), ws(1, "close", 1_000), ws(2, "created", 1_500), ws(2, "open", 1_620));
        assertThat(UiTab.openSockets(events.subList(0, 2))).containsExactly(1L);
        assertThat(UiReset.reconnect(events, List.of(1L)).millisIfDone()).contains(620L);
    }

    @Test
    void aSocketThatClosedAndNeverReopenedIsNoReconnect() {
        UiReset.Reconnect r = UiReset.reconnect(List.of(ws(1, "open", 50), ws(1, "close", 1_000)), List.of(1L));
        assertThat(r.closedAt()).contains(1_000L);
        assertThat(r.reopenedAt()).isEmpty();
        assertThat(UiReset.reconnect(List.of(ws(1, "open", 50)), List.of(1L)).closedAt()).as("never closed").isEmpty();
    }

    private static WsEvent msg(double at, String json) {
        return new WsEvent(at, WsEvent.Kind.MESSAGE, SoakConnection.typeOf(json), json);
    }

    @Test
    void theAnswerJudgedIsTheStreamAfterTheRequestNotAnotherThatCompletesMeanwhile() {
        String chunk = "{\"type\":\"orchestrator_chat\",\"message\":{\"message\":\"%s\"}}";
        String done = "{\"type\":\"chat_stream\",\"chunk\":\"\",\"is_complete\":true}";
        List<WsEvent> since = List.of(
                msg(1, "{\"type\":\"chat_typing\"}"), msg(1.1, String.format(chunk, "Received: hi")),
                msg(1.2, String.format(chunk, "Done: slept 110 s")), msg(1.3, done), // the long operation completes in the middle
                msg(1.4, String.format(chunk, " listening")), msg(1.5, done));
        UiChat.Answer answer = UiChat.Answer.after(since, Optional.of(since.get(2)));
        assertThat(answer.chunks()).containsExactly("Received: hi", " listening");
        assertThat(answer.complete()).isTrue();
        UiChat.Answer none = UiChat.Answer.after(List.of(msg(1, String.format(chunk, "")), msg(1.1, done)), Optional.empty());
        assertThat(none.chunks()).as("an empty first chunk is no text, and no exception").isEmpty();
    }

    @Test
    void aBlockedApiCallFailsWhileABlockedWebFontIsOnlyListed() {
        Origins origins = new Origins(List.of(URI.create("http://127.0.0.1:9480")));
        UiServed.Blocked blocked = UiServed.Blocked.of(origins, List.of(
                request("https://fonts.googleapis.com/css2?family=Cinzel+Decorative", "style", "link", "net::ERR_NAME_NOT_RESOLVED"),
                request("http://127.0.0.1:9480/assets/app.js", "script", "script", null)), List.of());
        assertThat(blocked.apiCalls()).isEmpty();
        assertThat(blocked.assetsLine()).isEqualTo("1 third-party asset: fonts.googleapis.com (stylesheet)");
        UiServed.Blocked api = UiServed.Blocked.of(origins, List.of(
                request("http://api.orchestrator-prod.example.com/get_orchestrator", "", "fetch", "net::ERR_NAME_NOT_RESOLVED")), List.of());
        assertThat(api.apiCalls())
                .containsExactly("http://api.orchestrator-prod.example.com:80 (1 request: GET /get_orchestrator blocked: net::ERR_NAME_NOT_RESOLVED)");
    }

    private static PageActivity.Request sent(String method, String path, Integer status) {
        return new PageActivity.Request(path, method, "http://127.0.0.1:9403" + path, 0, "", "fetch", status, null);
    }

    @Test
    void theClicksRequestsAreJudgedOneByOne() {
        String reset = "/api/orchestrator/reset?clear_session=true";
        List<String> reads = List.of("/load_chat");
        List<String> forbidden = List.of("/api/orchestrator/reboot");
        ClickRequests real = ClickRequests.of(List.of(sent("POST", reset, 200), sent("OPTIONS", reset, 204), sent("GET", "/get_orchestrator", 200),
                sent("POST", "/load_chat", 200)), reset, reads, forbidden);
        assertThat(real.problems()).as("the real front end re-reading its chat after the reset").isEmpty();
        assertThat(real.resets()).hasSize(1);
        assertThat(real.readLines()).containsExactly("POST /load_chat (200)");
        assertThat(ClickRequests.of(List.of(sent("POST", "/api/orchestrator/reboot", 200), sent("POST", reset, 200), sent("POST", "/load_chat", 200)),
                reset, reads, forbidden).problems()).extracting(Problem::line).containsExactly("forbidden-request: the click also sent"
                + " POST /api/orchestrator/reboot (200): forbidden to a reset button (the reboot endpoint, acceptance.ui.forbidden-paths)");
        assertThat(ClickRequests.of(List.of(sent("POST", reset, 200), sent("DELETE", "/agents", 204)), reset, reads, forbidden).problems()).singleElement()
                .extracting(Problem::line).asString()
                .startsWith("state-changing-request: the click also sent DELETE /agents (204): a request that changes state other than the reset");
        assertThat(ClickRequests.of(List.of(sent("POST", reset, 200), sent("POST", "/load_chat", 500)), reset, reads, forbidden).problems())
                .extracting(Problem::line)
                .containsExactly("reinit-error-answer: the page's re-initialisation after the click got error answers: POST /load_chat (500)");
    }
}
