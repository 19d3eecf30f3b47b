package dev.orchestrator.gate.ws;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic AC-09 and AC-13 decide with: keepalive gaps, soak length rules, the chat stream's first chunk and end. */
class SoakRulesTest {

    @Test
    void keepaliveGapsCountTheStartAndTheTail() {
        // opened at 0.5 s, keepalives at 20 and 40 s, window ends at 120 s: the silent tail (80 s) is the longest gap
        SoakConnection.KeepaliveStats k = SoakConnection.KeepaliveStats.over(0.5, List.of(20.0, 40.0), 120);
        assertThat(k.count()).isEqualTo(2);
        assertThat(k.maxGapSeconds()).isEqualTo(80.0);
        assertThat(SoakConnection.KeepaliveStats.over(1, List.of(31.0, 61.0, 91.0), 120).maxGapSeconds()).isEqualTo(30.0);
        assertThat(SoakConnection.KeepaliveStats.over(2, List.of(), 120).maxGapSeconds()).isEqualTo(118.0);
    }

    @Test
    void aSoakMustOutlastTheProxyLimitAndTwiceTheAllowedGap() {
        assertThat(SoakRules.whyTooShortToProve(Duration.ofSeconds(120), 100.0, 45)).isEmpty();
        assertThat(SoakRules.whyTooShortToProve(Duration.ofSeconds(20), 100.0, 45)).hasValueSatisfying(why -> assertThat(why)
                .contains("longer than the proxy's 100 s idle limit").contains("twice the allowed keepalive gap (2 x 45 s)").contains("above 100"));
        // no proxy: only the keepalive rule applies (a 45 s gap needs more than 90 s to show)
        assertThat(SoakRules.whyTooShortToProve(Duration.ofSeconds(90), null, 45)).isPresent();
        assertThat(SoakRules.whyTooShortToProve(Duration.ofSeconds(91), null, 45)).isEmpty();
        assertThat(SoakRules.whyTooShortToProve(Duration.ofSeconds(100), 100.0, 45)).isPresent();
    }

    @Test
    void theFirstChunkIsTheFirstAnswerTextOfEitherKindAndTheEndIsIsComplete() {
        WsEvent typing = msg(1.0, "chat_typing", "{\"type\":\"chat_typing\",\"is_typing\":true}");
        WsEvent emptyStream = msg(1.1, "chat_stream", "{\"type\":\"chat_stream\",\"chunk\":\"\",\"is_complete\":false}");
        WsEvent text = msg(1.2, "orchestrator_chat",
                "{\"type\":\"orchestrator_chat\",\"message\":{\"message\":\"Hello\",\"metadata\":{\"type\":\"text_chunk\"}}}");
        WsEvent end = msg(1.5, "chat_stream", "{\"type\":\"chat_stream\",\"chunk\":\"\",\"is_complete\":true}");
        assertThat(ChatStream.firstChunk(List.of(typing, emptyStream, text, end))).contains(text);
        assertThat(ChatStream.completion(List.of(typing, emptyStream, text, end))).contains(end);
        WsEvent streamText = msg(1.3, "chat_stream", "{\"type\":\"chat_stream\",\"chunk\":\"Hel\",\"is_complete\":false}");
        assertThat(ChatStream.firstChunk(List.of(typing, streamText, end))).contains(streamText);
        assertThat(ChatStream.firstChunk(List.of(typing, emptyStream, end))).isEmpty();
        assertThat(ChatStream.completion(List.of(typing, streamText))).isEmpty();
    }

    private static WsEvent msg(double at, String type, String text) {
        return new WsEvent(at, WsEvent.Kind.MESSAGE, type, text);
    }
}
