package dev.orchestrator.gate.availability;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.docker.HealthcheckInForce;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users' lane behind the platform's proxy, derived from Docker's own events for the application's containers
 * by the rule of Coolify's proxy (Traefik's Docker provider, {@code pkg/provider/docker}: "Filtering unhealthy or
 * starting container"): routed while one of them is running and {@code healthy}, or running when no healthcheck is
 * in force; every event that ends a container's process removes its route. Computed, not served: the proxy applies a
 * change up to its provider's throttle later ({@link #PROXY_DELAY}). When Docker's event stream fails or ends, the lane
 * says from when it was not followed; nothing after that is known of it.
 */
public final class RouteLane implements AutoCloseable {

    /** The rule, as the evidence states it. */
    public static final String RULE = "derived from Docker's events by the proxy's rule (Traefik's Docker provider, Coolify's proxy, routes only to running"
            + " containers that are healthy, or running when no healthcheck is in force): computed, not served";
    /**
     * How much later the proxy may apply a route change than Docker's event says: Traefik's
     * {@code providers.providersThrottleDuration}, 2 s by default (Traefik's static configuration reference; Coolify's proxy
     * template does not set it). The upper bound of the users' outage widens each route's return by it.
     */
    public static final Duration PROXY_DELAY = Duration.ofSeconds(2);
    /** The events that end a container's process, each of which removes its route. */
    private static final Set<String> ENDS = Set.of("die", "kill", "stop", "destroy", "pause", "oom");
    /**
     * The signals of a {@code kill} event that end the process (docker stop's and docker kill's: TERM, KILL, INT, QUIT, or
     * none named); another signal (HUP: a reload) leaves the route, and a process it does end is removed by its {@code die}.
     */
    private static final Set<String> STOPPING_SIGNALS = Set.of("", "2", "3", "9", "15", "SIGINT", "SIGQUIT", "SIGKILL", "SIGTERM");

    /** What the lane knows of one container: its name, whether it runs, its health ("none" without a healthcheck in force). */
    private record Seen(String name, boolean running, String health) {
        boolean routed() {
            return running && ("none".equals(health) || "healthy".equals(health));
        }
    }

    private final DockerEngine engine;
    private final Map<String, String> labels;
    private final LaneLog log = new LaneLog();
    private final Map<String, Seen> containers = new LinkedHashMap<>();
    private Closeable events;
    private boolean closing;
    /** From when the events were not followed (the stream failed or ended), on this JVM's clock; -1 while they are. */
    private long unfollowedFromNanos = -1;
    private String unfollowedWhy = "";

    /** {@code labels}: what the proxy's routes select (the application's id and the service's compose name). */
    RouteLane(DockerEngine engine, Map<String, String> labels) {
        this.engine = engine;
        this.labels = Map.copyOf(labels);
    }

    LaneLog log() {
        return log;
    }

    /** Follows the events from now on, then reads the state they change (an event seen first wins over the listing). */
    synchronized void start() {
        if (events != null) {
            return;
        }
        events = engine.client().eventsCmd().withEventTypeFilter(EventType.CONTAINER).withLabelFilter(labels)
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        onEvent(event, System.nanoTime());
                    }

                    @Override
                    public void onError(Throwable error) {
                        unfollowed("Docker's event stream failed: " + error);
                    }

                    @Override
                    public void onComplete() {
                        unfollowed("Docker's event stream ended");
                    }
                });
        long now = System.nanoTime();
        for (Container c : engine.client().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            if (!planted(c.getLabels())) {
                containers.putIfAbsent(c.getId(), seen(DockerEngine.name(c), engine.inspect(c.getId())));
            }
        }
        decide(now, containers.isEmpty() ? "no container of the application yet" : "as listed: " + String.join(", ", containers.values().stream()
                .map(c -> c.name() + " (" + (c.running() ? "running, health " + c.health() : "not running") + ")").limit(3).toList()));
    }

    private static boolean planted(Map<String, String> labels) {
        return labels != null && labels.containsKey(GateLabels.ROLE); // the port scenario's holders are the gate's, never routed
    }

    private static Seen seen(String name, Optional<InspectContainerResponse> inspect) {
        if (inspect.isEmpty()) {
            return new Seen(name, false, "none");
        }
        boolean running = Boolean.TRUE.equals(inspect.get().getState().getRunning());
        var health = inspect.get().getState().getHealth();
        boolean checked = HealthcheckInForce.of(inspect.get()).isPresent();
        return new Seen(name, running, !checked ? "none" : health == null || health.getStatus() == null ? "starting" : health.getStatus());
    }

    private synchronized void onEvent(Event event, long at) {
        Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null ? Map.of() : event.getActor().getAttributes();
        String id = event.getId();
        String action = event.getAction() == null ? String.valueOf(event.getStatus()) : event.getAction();
        if (id == null || planted(attributes)) {
            return;
        }
        String name = attributes.getOrDefault("name", id.substring(0, Math.min(12, id.length())));
        Seen before = containers.getOrDefault(id, new Seen(name, false, "none"));
        Seen after;
        if (action.equals("start")) {
            Seen inspected = seen(name, engine.inspect(id));
            after = new Seen(name, true, "none".equals(inspected.health()) ? "none" : "starting");
        } else if (action.startsWith("health_status:")) {
            after = new Seen(name, before.running(), action.substring("health_status:".length()).strip());
        } else if (ENDS.contains(action) && (!action.equals("kill") || STOPPING_SIGNALS.contains(attributes.getOrDefault("signal", "")))) {
            after = new Seen(name, false, before.health());
        } else if (action.equals("unpause")) {
            after = new Seen(name, true, before.health());
        } else {
            return;
        }
        containers.put(id, after);
        String why = switch (action) {
            case "start" -> name + " started" + ("starting".equals(after.health()) ? " (health: starting)" : " (no healthcheck)");
            case "die" -> name + " exited";
            case "kill" -> name + " sent a signal to stop";
            case "oom" -> name + " ran out of memory";
            case "stop" -> name + " stopped";
            case "destroy" -> name + " removed";
            default -> name + " " + action.replace("health_status: ", "");
        };
        decide(at, why);
    }

    private synchronized void decide(long at, String why) {
        log.observe(containers.values().stream().anyMatch(Seen::routed), at, why);
    }

    private synchronized void unfollowed(String why) {
        if (!closing && unfollowedFromNanos < 0) {
            unfollowedFromNanos = System.nanoTime();
            unfollowedWhy = why;
        }
    }

    /** From when (this JVM's clock) and why the lane was not followed, if it was not. */
    synchronized Optional<Map.Entry<Long, String>> unfollowed() {
        return unfollowedFromNanos < 0 ? Optional.empty() : Optional.of(Map.entry(unfollowedFromNanos, unfollowedWhy));
    }

    @Override
    public void close() {
        Closeable stream;
        synchronized (this) {
            closing = true;
            stream = events;
        }
        // closed outside the lock: the stream's own thread may be handing in a last event meanwhile
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException | RuntimeException ignored) {
                // the stream ends with the run either way
            }
        }
    }
}
