package dev.orchestrator.gate.browser;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Selenium hands each BiDi event to a thread of its own: an answer handled before its request is never lost. */
class PageActivityTest {

    @Test
    void anAnswerHandledBeforeItsRequestStillCompletesIt() {
        PageActivity activity = new PageActivity();
        activity.event("r1", "POST", "http://127.0.0.1:9480/api/orchestrator/reset?clear_session=true", 2_000, "", "fetch", 500, null);
        activity.event("r1", "POST", "http://127.0.0.1:9480/api/orchestrator/reset?clear_session=true", 1_900, "", "fetch", null, null);
        assertThat(activity.requestsSince(1_900)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.atMillis()).as("when it was sent").isEqualTo(1_900);
            assertThat(r.done()).isTrue();
        });
        activity.event("r2", "GET", "https://fonts.googleapis.com/css2", 3_000, "style", "link", null, "\"net::ERR_NAME_NOT_RESOLVED\"");
        assertThat(activity.requestsSince(3_000).get(0).error()).isEqualTo("net::ERR_NAME_NOT_RESOLVED");
        assertThat(activity.inFlight()).isZero();
    }
}
