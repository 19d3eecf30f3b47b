package dev.orchestrator.gate.ws;

import dev.orchestrator.gate.await.Waits;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The soak window: idle WebSockets (direct and through the proxy) held open for the soak length
 * while the other criteria run, with progress printed every 10 s and the moments of the long
 * operation and the resets recorded for the timeline.
 */
public final class SoakWindow implements AutoCloseable {

    public static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final long startNanos = System.nanoTime();
    private final Duration length;
    private final List<SoakConnection> connections = new ArrayList<>();
    private final List<Double> resets = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soak-progress");
        t.setDaemon(true);
        return t;
    });
    private volatile Double longOperationStart;
    private volatile String longOperationExpect;
    private volatile double endedAt = -1;

    private SoakWindow(Duration length) {
        this.length = length;
    }

    /** Opens one idle connection per (label, uri) and starts the progress line. */
    public static SoakWindow open(Duration length, Map<String, URI> endpoints) {
        SoakWindow window = new SoakWindow(length);
        endpoints.forEach((label, uri) -> window.connections.add(SoakConnection.open(label, uri)));
        window.progress.scheduleAtFixedRate(window::printProgress, PROGRESS_EVERY.toSeconds(), PROGRESS_EVERY.toSeconds(), TimeUnit.SECONDS);
        return window;
    }

    /** When the window opened, on this JVM's monotonic clock. */
    public long startedNanos() {
        return startNanos;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public Duration length() {
        return length;
    }

    public Duration remaining() {
        double left = length.toMillis() / 1000.0 - elapsedSeconds();
        return Duration.ofMillis(Math.max(0, (long) (left * 1000)));
    }

    public boolean over() {
        return elapsedSeconds() >= length.toMillis() / 1000.0;
    }

    public List<SoakConnection> connections() {
        return connections;
    }

    public Optional<SoakConnection> connection(String label) {
        return connections.stream().filter(c -> c.label().equals(label)).findFirst();
    }

    public void markLongOperation(String expect) {
        longOperationStart = elapsedSeconds();
        longOperationExpect = expect;
    }

    public Optional<Double> longOperationStart() {
        return Optional.ofNullable(longOperationStart);
    }

    public void markReset() {
        resets.add(elapsedSeconds());
    }

    /** How many resets were sent between {@code from} and {@code to} (window time, seconds). */
    public long resetsBetween(double from, double to) {
        return resets.stream().filter(at -> at >= from && at <= to).count();
    }

    /** Offset of a connection's own clock from the window's clock. */
    private double offset(SoakConnection c) {
        return elapsedSeconds() - c.ageSeconds();
    }

    /** Window time at which the long operation's final answer arrived on {@code c}, if it did. */
    public Optional<Double> longOperationResult(SoakConnection c) {
        double offset = offset(c);
        return longOperationResultOn(c).map(at -> at + offset);
    }

    /** When the long operation's final answer arrived on {@code c}, on that connection's own clock. */
    public Optional<Double> longOperationResultOn(SoakConnection c) {
        return longOperationMessage(c).map(WsEvent::atSeconds);
    }

    /** The message on {@code c} that carries the long operation's final answer, if it arrived. */
    public Optional<WsEvent> longOperationMessage(SoakConnection c) {
        if (longOperationExpect == null) {
            return Optional.empty();
        }
        return c.messages(e -> e.text().contains(longOperationExpect)).stream().findFirst();
    }

    /**
     * Waits for the long operation's final result on {@code via}, at most until the window's length
     * plus {@code grace} after the operation started, or until {@code via} closed without it.
     * Returns the window time of the result, or empty.
     */
    public Optional<Double> awaitLongOperationResult(SoakConnection via, Duration grace) {
        double deadline = longOperationStart().orElseThrow() + length.plus(grace).toSeconds();
        boolean arrived = Waits.until("long operation's final result on the " + via.label() + " WebSocket",
                Duration.ofMillis(Math.max(1000, (long) ((deadline - elapsedSeconds()) * 1000))), Duration.ofMillis(500),
                c -> c.failFast("the " + via.label() + " WebSocket closed before the result arrived", () -> !via.isOpen() && longOperationResult(via)
                        .isEmpty()),
                () -> longOperationResult(via).isPresent());
        return arrived ? longOperationResult(via) : Optional.empty();
    }

    /** Every connection's events, one line each ("direct: [0.2 OPEN, 0.2 connection_established, 20.2 ping]"). */
    public String eventsText() {
        return connections.stream().map(c -> c.label() + ": " + c.events().stream().map(e -> String.format("%.1f %s", e.atSeconds(), e.type())).toList())
                .collect(Collectors.joining("\n"));
    }

    public void end() {
        if (endedAt < 0) {
            endedAt = elapsedSeconds();
        }
        progress.shutdownNow();
    }

    public double endedAt() {
        return endedAt < 0 ? elapsedSeconds() : endedAt;
    }

    private void printProgress() {
        String ops = longOperationStart().map(s -> connections.stream().map(this::longOperationResult).flatMap(Optional::stream).findFirst()
                .map(t -> "; long operation done at " + String.format("%.0f s", t)).orElse("; long operation running")).orElse("");
        System.out.printf("[soak] %3.0f/%d s: %s%s%n", elapsedSeconds(), length.toSeconds(),
                connections.stream().map(SoakConnection::status).collect(Collectors.joining("; ")), ops);
    }

    /** The data behind the soak picture: keepalives, drops, resets, long operation; seconds in window time. */
    public Map<String, Object> timeline(Double proxyIdleSeconds) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("soak_s", round(endedAt()));
        List<Map<String, Object>> conns = new ArrayList<>();
        for (SoakConnection c : connections) {
            double offset = offset(c);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", c.label());
            m.put("keepalives", c.keepalives(c.ageSeconds()).times().stream().map(k -> round(k + offset)).toList());
            c.closeEvent().ifPresent(e -> {
                m.put("closed_at", round(e.atSeconds() + offset));
                m.put("close", e.type() + (e.text().isEmpty() ? "" : " " + e.text()));
            });
            conns.add(m);
        }
        t.put("connections", conns);
        t.put("resets", resets.stream().map(SoakWindow::round).toList());
        longOperationStart().ifPresent(start -> {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("start_s", round(start));
            connections.stream().map(this::longOperationResult).flatMap(Optional::stream).min(Double::compare).ifPresent(end -> op.put("end_s", round(end)));
            t.put("long_op", op);
        });
        if (proxyIdleSeconds != null) {
            t.put("proxy_idle_s", proxyIdleSeconds);
        }
        return t;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    @Override
    public void close() {
        end();
        connections.forEach(SoakConnection::close);
    }
}
