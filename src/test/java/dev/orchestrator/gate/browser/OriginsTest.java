package dev.orchestrator.gate.browser;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the browser may reach: the origins under test only, WebSockets counted as their page's origin. */
class OriginsTest {

    private final Origins origins = new Origins(List.of(URI.create("http://127.0.0.1:9403"), URI.create("http://127.0.0.1:9480/")));

    @Test
    void theOriginsUnderTestAndTheirWebSocketsAreAllowed() {
        assertThat(origins.allows("http://127.0.0.1:9480/get_orchestrator")).isTrue();
        assertThat(origins.allows("ws://127.0.0.1:9480/ws")).isTrue();
        assertThat(origins.allows("http://127.0.0.1:9403/api/orchestrator/reset?clear_session=true")).isTrue();
        assertThat(origins.allows("data:image/png;base64,AAAA")).as("stays in the page").isTrue();
    }

    @Test
    void anotherHostOrPortIsForeign() {
        assertThat(origins.allows("http://api.orchestrator-prod.example.com/get_orchestrator")).isFalse();
        assertThat(origins.allows("http://127.0.0.1:5432/")).as("another local port").isFalse();
        assertThat(origins.allows("https://127.0.0.1:9480/")).as("another scheme").isFalse();
        assertThat(Origins.of("wss://dev.example.com/ws")).contains("https://dev.example.com:443");
    }

    @Test
    void theBrowserIsToldToReachNothingElse() {
        assertThat(origins.blockingFlags()).containsExactly(
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--proxy-server=http://127.0.0.1:1",
                "--proxy-bypass-list=<-loopback>;127.0.0.1:9403;127.0.0.1:9480");
    }
}
