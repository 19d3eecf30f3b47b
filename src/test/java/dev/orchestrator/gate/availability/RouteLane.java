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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The users' lane behind the platform's proxy, derived from Docker's own events for the application's containers
 * by the rule of Coolify's proxy (Traefik's Docker provider, {@code pkg/provider/docker}: "Filtering unhealthy or
 * starting container"): routed while one of them is running and {@code healthy}, or running when no healthcheck is
 * in force. Computed, not served; a lower bound (the proxy applies a change after its provider's throttle).
 */
public final class RouteLane implements AutoCloseable {

    /** The rule, as the evidence states it. */
    public static final String RULE = "derived from Docker's events for the application's containers by the rule of Coolify's proxy (Traefik's Docker provider"
            + " routes only to running containers that are healthy, or running when no healthcheck is in force): computed, not served, and a lower bound"
            + " (Traefik applies a change after its provider's throttle)";

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
        } else if (action.equals("die") || action.equals("stop") || action.equals("destroy") || action.equals("pause")) {
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
            case "stop" -> name + " stopped";
            case "destroy" -> name + " removed";
            default -> name + " " + action.replace("health_status: ", "");
        };
        decide(at, why);
    }

    private synchronized void decide(long at, String why) {
        log.observe(containers.values().stream().anyMatch(Seen::routed), at, why);
    }

    @Override
    public synchronized void close() {
        if (events != null) {
            try {
                events.close();
            } catch (IOException | RuntimeException ignored) {
                // the stream ends with the run either way
            }
        }
    }
}
