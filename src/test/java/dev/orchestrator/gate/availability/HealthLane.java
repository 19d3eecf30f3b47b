package dev.orchestrator.gate.availability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lane probed over HTTP: GET /health every 100 ms on its own thread, up when it answers 200 (refused, timed out or
 * another status is down). A TCP accept by the engine's port proxy is not the application answering. An outage needs
 * two probes in a row without 200 (one lost probe on a busy host is not the service down); it is recorded from the
 * first of them.
 */
public final class HealthLane implements AutoCloseable {

    public static final Duration EVERY = Duration.ofMillis(100);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    /** How long one more look of the lane may take: a probe that times out, with its interval. */
    static final Duration ONE_LOOK = PROBE_TIMEOUT.plus(EVERY).plusMillis(150);
    /** How long two more looks of the lane may take: two probes that time out, with their intervals. */
    static final Duration TWO_LOOKS = PROBE_TIMEOUT.plus(EVERY).multipliedBy(2).plusMillis(300);

    private final Lane lane;
    private final URI health;
    private final LaneLog log = new LaneLog();
    // HTTP/1.1 as a browser or curl talks to the service (the client's h2c upgrade is refused by uvicorn with 400)
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(PROBE_TIMEOUT).build();
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running;
    private volatile String lastFailure = "";
    /** When each probe done began, in order (ten a second: a few thousand in a run). */
    private final List<Long> starts = new ArrayList<>();

    HealthLane(Lane lane, URI health) {
        this.lane = lane;
        this.health = health;
        this.thread = new Thread(this::loop, "availability-" + lane.label());
        thread.setDaemon(true);
    }

    synchronized void start() {
        if (!running) {
            running = true;
            thread.start();
        }
    }

    public Lane lane() {
        return lane;
    }

    LaneLog log() {
        return log;
    }

    private void loop() {
        Debounce debounce = new Debounce(log);
        while (running) {
            long t = System.nanoTime();
            String failure = probeOnce();
            probes.incrementAndGet();
            if (failure != null) {
                failed.incrementAndGet();
                lastFailure = failure;
            }
            debounce.probed(failure, t);
            looked(t);
            long spent = (System.nanoTime() - t) / 1_000_000;
            try {
                Thread.sleep(Math.max(0, EVERY.toMillis() - spent)); // the lane's own sampling rate, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** null when GET /health answered 200, else what happened instead. */
    private String probeOnce() {
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(health).timeout(PROBE_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? null : "answered HTTP " + r.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Two failed probes in a row make an outage, recorded from the first; a single one is forgotten at the next answer. */
    static final class Debounce {
        private final LaneLog log;
        private long firstFailedAt = -1;
        private String firstFailure = "";

        Debounce(LaneLog log) {
            this.log = log;
        }

        /** What one probe at {@code at} saw: {@code failure} null when it answered 200. */
        void probed(String failure, long at) {
            if (failure == null) {
                firstFailedAt = -1;
                log.observe(true, at, "GET /health 200");
            } else if (firstFailedAt < 0) {
                firstFailedAt = at; // the first miss: an outage only if the next probe misses too
                firstFailure = failure;
            } else {
                log.observe(false, firstFailedAt, firstFailure);
            }
        }
    }

    /** A probe begun at {@code startNanos} is done (and recorded). */
    private synchronized void looked(long startNanos) {
        starts.add(startNanos);
    }

    /** When the lane first looked at the service after {@code nanos}: the start of the first probe done that began after it. */
    synchronized OptionalLong firstLookAfter(long nanos) {
        int first = firstAfter(nanos);
        return first < starts.size() ? OptionalLong.of(starts.get(first)) : OptionalLong.empty();
    }

    /**
     * Whether the lane looked {@code looks} times after {@code nanos} (twice: an outage its first look saw is then recorded, the
     * debounce's two failed probes in a row), or no longer looks.
     */
    synchronized boolean lookedAfter(long nanos, int looks) {
        return !running || starts.size() - firstAfter(nanos) >= looks;
    }

    /** The index of the first probe start after {@code nanos} (the starts are in order: a binary search). */
    private int firstAfter(long nanos) {
        int i = Collections.binarySearch(starts, nanos);
        int first = i >= 0 ? i + 1 : -i - 1;
        while (first < starts.size() && starts.get(first) <= nanos) {
            first++;
        }
        return first;
    }

    /** One GET /health now, apart from the sampling (a probe in flight may hang on a backend that stopped answering): 200 or not. */
    public boolean answersNow() {
        return probeOnce() == null;
    }

    /** "412 probes of GET ... every 100 ms, 23 without 200 (last: ConnectException)". */
    public String describe() {
        return probes.get() + " probes of GET " + health + " every " + EVERY.toMillis() + " ms, " + failed.get() + " without 200"
                + (lastFailure.isEmpty() ? "" : " (last: " + lastFailure + ")");
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(PROBE_TIMEOUT.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
