package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.browser.PageEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What AC-16 and AC-17 decide with: the page's socket reconnect, and answer text shown beyond what was there. */
class UiChecksTest {

    private static PageEvent ws(long id, String event, long at) {
        return PageEvent.of(Map.of("kind", "ws", "id", id, "event", event, "url", "ws://127.0.0.1:9480/ws", "at", at));
    }

    @Test
    void reconnectIsMeasuredFromTheOldSocketsCloseToTheNewOnesOpen() {
        List<PageEvent> events = List.of(ws(1, "created", 0), ws(1, "open", 50), ws(1, "close", 1_000), ws(2, "created", 1_500), ws(2, "open", 1_620));
        assertThat(UiTab.openSockets(events.subList(0, 2))).containsExactly(1L);
        UiReset.Reconnect r = UiReset.reconnect(events, List.of(1L));
        assertThat(r.millisIfDone()).contains(620L);
    }

    @Test
    void aSocketThatClosedAndNeverReopenedIsNoReconnect() {
        List<PageEvent> events = List.of(ws(1, "open", 50), ws(1, "close", 1_000));
        UiReset.Reconnect r = UiReset.reconnect(events, List.of(1L));
        assertThat(r.closedAt()).contains(1_000L);
        assertThat(r.reopenedAt()).isEmpty();
        assertThat(UiReset.reconnect(List.of(ws(1, "open", 50)), List.of(1L)).closedAt()).as("never closed").isEmpty();
    }

    @Test
    void answerTextCountsOnlyWhenShownBeyondWhatThePanelAlreadyHad() {
        String before = "You: Hello from the gate\nHello from the gate";
        assertThat(UiChat.showsNew("You: Hello from the gate\nOrchestrator: Received: Hello", before, "Received: Hello")).isTrue();
        assertThat(UiChat.showsNew("You: Hello from the gate", before, "Hello from")).as("only the user's own words").isFalse();
        assertThat(UiChat.showsNew("Orchestrator: Received:\n  Hello", "", "Received: Hello")).as("whitespace as laid out").isTrue();
        assertThat(UiChat.showsNew("anything", "", "  ")).as("no text is never shown").isFalse();
    }
}
