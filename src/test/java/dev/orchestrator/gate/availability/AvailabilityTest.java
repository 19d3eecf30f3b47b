package dev.orchestrator.gate.availability;

import com.sun.net.httpserver.HttpServer;
import dev.orchestrator.gate.await.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AvailabilityTest {

    /** How long the service answers 503 after the action: many of the lane's probes, also on a busy host. */
    private static final Duration DOWN_FOR = Duration.ofMillis(1500);
    private static final Duration BOUND = Duration.ofSeconds(10);
    /** Each case at three points of the lane's probing cycle, each with a record of its own (the record's waits share one budget). */
    private static final int ATTEMPTS = 3;
    /** What the record may add to a run (catalogue, "Availability as users see it"). */
    private static final Duration CONTRACT = Duration.ofSeconds(1);

    /** A local service: GET /health answers 503 until {@link #downUntil}, and hangs (past the probes' time-out) while {@link #hung}. */
    private final AtomicLong downUntil = new AtomicLong(System.nanoTime());
    private final AtomicBoolean hung = new AtomicBoolean();
    /** The service's handlers, each on a thread of its own: a hung answer does not hold the next probe. */
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private HttpServer service;
    private URI health;

    @BeforeEach
    void startTheService() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/health", exchange -> {
            if (hung.get()) {
                Waits.until("the service stops hanging", BOUND, () -> !hung.get());
            }
            exchange.sendResponseHeaders(System.nanoTime() < downUntil.get() ? 503 : 200, -1);
            exchange.close();
        });
        service.setExecutor(handlers);
        service.start();
        health = URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/health");
    }

    @AfterEach
    void stopTheService() {
        hung.set(false);
        service.stop(0);
        handlers.shutdownNow();
    }

    private Availability upRecord() {
        Availability availability = Availability.withoutProxy(health, Optional.empty(), "a unit test's service");
        availability.start();
        assertThat(Waits.until("the lane sees the service up", BOUND, () -> availability.upSince(Lane.APPLICATION).isPresent())).isTrue();
        return availability;
    }

    /**
     * Five resets in 80 ms, then 2 s of 503 (row ac19-reset-health-503; here 1.5 s): an action shorter than the lane's 100 ms interval. The
     * outage it caused begins before any probe of the action's own time, at the lane's first look after it: it is the action's.
     */
    @Test
    void anOutageAnActionCausedIsItsAlsoWhenTheActionIsShorterThanAProbesInterval() {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Availability availability = upRecord()) {
                Availability.Mark mark = availability.begin("AC-11", "the resets");
                downUntil.set(System.nanoTime() + DOWN_FOR.toNanos()); // the action: the service answers 503 from now
                MarkedAction marked = availability.end(mark);
                assertThat(availability.lookedAfterTheLastAction()).as("attempt %d: the lane looked twice after the action", attempt).isTrue();
                List<ActionWindow> actions = availability.actions();
                ActionWindow window = actions.get(actions.size() - 1);
                assertThat(window.lane(Lane.APPLICATION).orElseThrow().outageS()).as("attempt %d: the action's outage: %s", attempt, window).isPositive();
                // a probe sent just before the mark may meet the 503 first: the gap is then "already down (answered HTTP 503)"
                assertThat(window.lane(Lane.APPLICATION).orElseThrow().gaps().get(0).downBecause()).contains("answered HTTP 503");
                // once the gap has closed, what the criterion's evidence reads is what AC-19 reads (an open gap counts to the moment it is read)
                assertThat(Waits.until("the lane sees the service up again", BOUND, () -> System.nanoTime() > downUntil.get()
                        && availability.upSince(Lane.APPLICATION).isPresent())).isTrue();
                List<ActionWindow> closed = availability.actions();
                assertThat(marked.window()).as("attempt %d: the criterion's own evidence, read as AC-19 reads it", attempt)
                        .isEqualTo(closed.get(closed.size() - 1));
            }
            assertThat(Waits.until("the service is up again", BOUND, () -> System.nanoTime() > downUntil.get())).isTrue();
        }
    }

    /**
     * Two actions back to back (AC-14's reboot, then AC-15's endpoint at once): the second takes the service down as it begins.
     * The lane sees that outage at its first look after the first action, yet it is the second's, never the first's.
     */
    @Test
    void anOutageTheNextActionCausedIsNotTheOneBefore() {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Availability availability = upRecord()) {
                MarkedAction first = availability.end(availability.begin("AC-14", "the reboot"));
                Availability.Mark mark = availability.begin("AC-15", "the endpoint");
                downUntil.set(System.nanoTime() + DOWN_FOR.toNanos()); // the second action takes the service down
                MarkedAction second = availability.end(mark);
                assertThat(availability.lookedAfterTheLastAction()).isTrue();
                ActionWindow before = first.window();
                assertThat(before.lane(Lane.APPLICATION).orElseThrow().outageS()).as("attempt %d: the first action's outage: %s", attempt, before).isZero();
                assertThat(second.window().lane(Lane.APPLICATION).orElseThrow().outageS()).as("attempt %d: the second action's outage: %s", attempt,
                        second.window()).isPositive();
            }
            assertThat(Waits.until("the service is up again", BOUND, () -> System.nanoTime() > downUntil.get())).isTrue();
        }
    }

    /**
     * The record adds at most 1 s to a run (catalogue): a service that stops answering (each probe waits out its 1 s time-out) under
     * actions back to back would make each wait for a look run to its bound (1.25 s, and 2.5 s for AC-19's); all the record's waits
     * share one budget of 1 s. The bound here is the budget and a margin for a busy host, far under the 6.25 s of the waits' own bounds.
     */
    @Test
    void theRecordsWaitsForTheLanesShareOneSecond() {
        try (Availability availability = upRecord()) {
            hung.set(true);
            for (int action = 1; action <= 3; action++) {
                availability.end(availability.begin("AC-14", "the reboot " + action));
            }
            availability.lookedAfterTheLastAction();
            assertThat(availability.waited()).as("the record's waits for the lanes' looks, in all").isLessThanOrEqualTo(CONTRACT.plusMillis(500));
        }
    }
}
