package dev.orchestrator.gate.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonAnswerTest {

    @Test
    void readsFieldsAsGPathGaveThem() {
        JsonAnswer a = JsonAnswer.of("{\"status\":\"healthy\",\"success\":true,\"n\":3,\"orchestrator\":{\"id\":\"o-1\",\"session_id\":null,\"m\":{\"k\":1}}}");
        assertThat(a.text("status")).isEqualTo("healthy");
        assertThat(a.get("success")).isEqualTo(Boolean.TRUE);
        assertThat(a.text("n")).isEqualTo("3");
        assertThat(a.get("orchestrator.id")).isEqualTo("o-1");
        assertThat(a.get("orchestrator.session_id")).as("a null field").isNull();
        assertThat(a.get("orchestrator.missing")).as("an absent field").isNull();
        assertThat(a.get("orchestrator.m")).isEqualTo(Map.of("k", 1));
    }

    @Test
    void aBodyThatIsNoJsonHasNoFields() {
        assertThat(JsonAnswer.of("<html>busy</html>").get("status")).isNull();
        assertThat(JsonAnswer.of("").get("status")).isNull();
        assertThat(JsonAnswer.of("[1,2]").get("status")).isNull();
    }
}
