package dev.orchestrator.gate.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures downtime at the application: GET /health probed every 100 ms at the service's address, and how long
 * it did not answer 200 (refused, timed out, or another status). A TCP accept by the engine's port proxy is not
 * the application answering.
 */
public final class DowntimeProbe implements AutoCloseable {

    public static final Duration EVERY = Duration.ofMillis(100);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final URI health;
    // HTTP/1.1 as a browser or curl talks to the service (the client's h2c upgrade is refused by uvicorn with 400)
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(PROBE_TIMEOUT).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Thread thread;
    private volatile long downSinceNanos = -1;
    private volatile long downNanos;
    private volatile long longestNanos;
    private volatile String lastFailure = "";

    private DowntimeProbe(URI health) {
        this.health = health;
        this.thread = new Thread(this::loop, "downtime-probe");
        thread.setDaemon(true);
    }

    /** Starts probing {@code health} (the service's GET /health URL) now. */
    public static DowntimeProbe start(URI health) {
        DowntimeProbe probe = new DowntimeProbe(health);
        probe.thread.start();
        return probe;
    }

    private void loop() {
        while (running.get()) {
            long t = System.nanoTime();
            boolean up = probeOnce();
            synchronized (this) {
                probes.incrementAndGet();
                if (!up) {
                    failed.incrementAndGet();
                    if (downSinceNanos < 0) {
                        downSinceNanos = t;
                    }
                } else if (downSinceNanos >= 0) {
                    endOutage(t);
                }
            }
            long spent = (System.nanoTime() - t) / 1_000_000;
            try {
                Thread.sleep(Math.max(0, EVERY.toMillis() - spent)); // the probe's own sampling rate, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void endOutage(long at) {
        long outage = at - downSinceNanos;
        downNanos += outage;
        longestNanos = Math.max(longestNanos, outage);
        downSinceNanos = -1;
    }

    private boolean probeOnce() {
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(health).timeout(PROBE_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
                return true;
            }
            lastFailure = "answered HTTP " + r.statusCode();
        } catch (java.io.IOException e) {
            lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** One GET /health now, apart from the sampling (a probe in flight may hang on a backend that stopped answering): 200 or not. */
    public boolean answersNow() {
        return probeOnce();
    }

    /** Seconds GET /health did not answer 200 so far (an outage still going counts up to now). */
    public synchronized double downtimeSeconds() {
        long open = downSinceNanos >= 0 ? System.nanoTime() - downSinceNanos : 0;
        return (downNanos + open) / 1e9;
    }

    public synchronized double longestOutageSeconds() {
        long open = downSinceNanos >= 0 ? System.nanoTime() - downSinceNanos : 0;
        return Math.max(longestNanos, open) / 1e9;
    }

    /** "412 probes, 23 without 200 (last: ConnectException)". */
    public synchronized String describe() {
        return probes.get() + " probes of GET " + health + " every " + EVERY.toMillis() + " ms, " + failed.get() + " without 200"
                + (lastFailure.isEmpty() ? "" : " (last: " + lastFailure + ")");
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(PROBE_TIMEOUT.toMillis() * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
