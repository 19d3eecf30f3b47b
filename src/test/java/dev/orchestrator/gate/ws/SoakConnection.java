package dev.orchestrator.gate.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A WebSocket opened like an idle browser tab: it sends nothing, no protocol pings, never times
 * out on its own (Tyrus answers server pings by itself), and records every event with its time.
 */
public final class SoakConnection implements AutoCloseable {

    /** The client gives up on a handshake only after this: a hang guard, far beyond AC-08's 5 s budget, so a slow handshake is measured. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String label;
    private final URI uri;
    private final long startNanos = System.nanoTime();
    private final long startEpochMillis = System.currentTimeMillis();
    private final List<WsEvent> events = new CopyOnWriteArrayList<>();
    private final ClientManager client = ClientManager.createClient();
    private volatile Session session;
    private volatile double handshakeSeconds = -1;
    private volatile CloseReason closeReason;

    private SoakConnection(String label, URI uri) {
        this.label = label;
        this.uri = uri;
    }

    /** Connects (bounded by the handshake timeout); a failed handshake is recorded, not thrown. */
    public static SoakConnection open(String label, URI uri) {
        SoakConnection connection = new SoakConnection(label, uri);
        connection.connect();
        return connection;
    }

    private void connect() {
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, Integer.valueOf((int) HANDSHAKE_TIMEOUT.toMillis()));
        try {
            session = client.connectToServer(new Recorder(), ClientEndpointConfig.Builder.create().build(), uri);
            session.setMaxIdleTimeout(0);
            handshakeSeconds = now();
        } catch (Exception e) {
            events.add(new WsEvent(now(), WsEvent.Kind.ERROR, "handshake", rootMessage(e)));
        }
    }

    private final class Recorder extends Endpoint {
        @Override
        public void onOpen(Session s, EndpointConfig config) {
            events.add(new WsEvent(now(), WsEvent.Kind.OPEN, "open", ""));
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                    events.add(new WsEvent(now(), WsEvent.Kind.MESSAGE, typeOf(text), text)));
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            closeReason = reason;
            events.add(new WsEvent(now(), WsEvent.Kind.CLOSE, String.valueOf(reason.getCloseCode().getCode()), reason.getReasonPhrase()));
        }

        @Override
        public void onError(Session s, Throwable error) {
            events.add(new WsEvent(now(), WsEvent.Kind.ERROR, "error", rootMessage(error)));
        }
    }

    public static String typeOf(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node.path("type").asText("?");
        } catch (Exception e) {
            return "text";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private double now() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public String label() {
        return label;
    }

    public URI uri() {
        return uri;
    }

    public double ageSeconds() {
        return now();
    }

    /** A wall-clock moment (ms since the epoch, as the browser stamps its events) on this connection's own clock. */
    public double secondsAt(long epochMillis) {
        return (epochMillis - startEpochMillis) / 1000.0;
    }

    public boolean connected() {
        return handshakeSeconds >= 0;
    }

    public double handshakeSeconds() {
        return handshakeSeconds;
    }

    public boolean isOpen() {
        return session != null && session.isOpen() && closeReason == null;
    }

    public List<WsEvent> events() {
        return List.copyOf(events);
    }

    public List<WsEvent> messages(Predicate<WsEvent> filter) {
        return events.stream().filter(e -> e.kind() == WsEvent.Kind.MESSAGE).filter(filter).toList();
    }

    public Optional<WsEvent> firstMessage() {
        return messages(e -> true).stream().findFirst();
    }

    public Optional<WsEvent> closeEvent() {
        return events.stream().filter(e -> e.kind() == WsEvent.Kind.CLOSE || e.kind() == WsEvent.Kind.ERROR).findFirst();
    }

    /** Keepalive statistics over [0, untilSeconds]: count and the longest silence between keepalives. */
    public KeepaliveStats keepalives(double untilSeconds) {
        List<Double> times = messages(e -> e.type().equals("ping") || e.type().equals("heartbeat")).stream()
                .map(WsEvent::atSeconds).filter(t -> t <= untilSeconds).toList();
        return KeepaliveStats.over(Math.max(0, handshakeSeconds), times, untilSeconds);
    }

    /** Number of keepalives and the longest silence, including the tail up to the end of the window. */
    public record KeepaliveStats(int count, double maxGapSeconds, List<Double> times) {

        /** The longest silence from the connection's opening, between keepalives, and from the last one to {@code until}. */
        public static KeepaliveStats over(double openedAt, List<Double> times, double until) {
            double previous = openedAt;
            double maxGap = 0;
            for (double t : times) {
                maxGap = Math.max(maxGap, t - previous);
                previous = t;
            }
            maxGap = Math.max(maxGap, until - previous);
            return new KeepaliveStats(times.size(), maxGap, times);
        }
    }

    /** One line for progress and evidence. */
    public String status() {
        KeepaliveStats k = keepalives(now());
        String state = isOpen() ? "open" : closeEvent().map(e -> "CLOSED at " + String.format("%.1f s", e.atSeconds())
                + " (" + e.type() + (e.text().isEmpty() ? "" : " " + e.text()) + ")").orElse("not connected");
        return String.format("%s %s, %d keepalives, longest silence %.1f s", label, state, k.count(), k.maxGapSeconds());
    }

    @Override
    public void close() {
        try {
            if (session != null && session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "soak done"));
            }
        } catch (Exception ignored) {
            // closing a dead connection: nothing left to release but the client below
        } finally {
            client.shutdown();
        }
    }
}
