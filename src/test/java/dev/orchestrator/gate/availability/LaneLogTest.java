package dev.orchestrator.gate.availability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A lane records only its changes, and its gaps run from a change to down to the next change to up. */
class LaneLogTest {

    @Test
    void gapsRunFromDownToTheNextUpAndTheLastOneStaysOpen() {
        LaneLog log = new LaneLog();
        log.observe(false, 0, "ConnectException");
        log.observe(false, 100, "ConnectException"); // the same state: not a change
        log.observe(true, 500, "GET /health 200");
        log.observe(true, 600, "GET /health 200");
        log.observe(false, 900, "answered HTTP 503");
        assertThat(log.changes()).hasSize(3);
        assertThat(log.downIntervals()).containsExactly(
                new LaneLog.Interval(0, 500, "ConnectException", "GET /health 200"),
                new LaneLog.Interval(900, -1, "answered HTTP 503", ""));
        assertThat(log.downIntervals().get(1).open()).isTrue();
    }

    @Test
    void anOutageNeedsTwoMissedProbesInARowAndStartsAtTheFirst() {
        LaneLog log = new LaneLog();
        HealthLane.Debounce lane = new HealthLane.Debounce(log);
        lane.probed(null, 0);
        lane.probed("HttpTimeoutException: request timed out", 100); // one lost probe on a busy host
        lane.probed(null, 200);
        assertThat(log.downIntervals()).as("a single miss is no outage").isEmpty();
        lane.probed("ConnectException", 300);
        lane.probed("ConnectException", 400);
        lane.probed(null, 900);
        assertThat(log.downIntervals()).singleElement().satisfies(i -> {
            assertThat(i.fromNanos()).as("from the first miss").isEqualTo(300);
            assertThat(i.toNanos()).isEqualTo(900);
            assertThat(i.downWhy()).isEqualTo("ConnectException");
        });
    }
}
