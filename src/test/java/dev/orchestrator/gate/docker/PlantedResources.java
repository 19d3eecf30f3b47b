package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import dev.orchestrator.gate.await.Waits;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.IsRunningStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Containers, networks, volumes and host processes the gate plants for the port scenario. Each
 * carries the gate's run label, is tracked here and removed by {@link #removeAll()} (also when
 * the run is interrupted); removing something the cleanup script already removed is not an error.
 */
public final class PlantedResources implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IN_FLIGHT_TIMEOUT = Duration.ofSeconds(35);

    private final DockerEngine engine;
    private final String image;
    private final String runId;
    private final Deque<Runnable> removals = new ConcurrentLinkedDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Long> hostPids = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public PlantedResources(DockerEngine engine, String image, String runId) {
        this.engine = engine;
        this.image = image;
        this.runId = runId;
    }

    /** Fails at once, with the reason, when the planting image is missing (nothing can be pulled here). */
    private void requireImage() {
        try {
            client().inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("the image " + image + " for planted containers is not on this engine (build it: fixtures/prepare.sh)");
        }
    }

    /** Runs one creation unless the run is closing; teardown waits for creations in flight. */
    private <T> T creating(Supplier<T> creation) {
        inFlight.incrementAndGet();
        try {
            if (closing) {
                throw new IllegalStateException("the run is shutting down: nothing more is planted");
            }
            return creation.get();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** A running container under {@code name}, optionally publishing {@code hostIp:port}, optionally on a network. */
    public GenericContainer<?> runningContainer(String name, String role, String hostIp, Integer port, String network) {
        return runningContainer(name, role, hostIp, port, network, Map.of());
    }

    /** As above, carrying {@code labels} too (an earlier deploy of the platform's own application). */
    public GenericContainer<?> runningContainer(String name, String role, String hostIp, Integer port, String network, Map<String, String> labels) {
        return creating(() -> startContainer(name, role, hostIp, port, network, labels));
    }

    private GenericContainer<?> startContainer(String name, String role, String hostIp, Integer port, String network, Map<String, String> extra) {
        requireImage();
        Map<String, String> labels = new HashMap<>(extra);
        labels.putAll(GateLabels.of(runId, role));
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                // as a real service would, it ends on SIGTERM (a plain `sleep` as PID 1 ignores it: every stop would wait its full grace)
                .withCommand("sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 1 & wait $!; done")
                .withLabels(labels)
                .withStartupCheckStrategy(new IsRunningStartupCheckStrategy().withTimeout(STARTUP_TIMEOUT))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(name);
                    if (port != null) {
                        cmd.withExposedPorts(ExposedPort.tcp(port));
                        cmd.getHostConfig().withPortBindings(PortBinding.parse(hostIp + ":" + port + ":" + port));
                    }
                });
        if (network != null) {
            container.withNetworkMode(network);
        }
        // removed by the id it got, never by its name: a script may have removed it and something else taken the name since
        removals.push(() -> {
            if (container.getContainerId() != null) {
                removeContainer(container.getContainerId());
            }
        });
        container.start();
        return container;
    }

    /** A container that exists but is not running, holding {@code name}. */
    public String stoppedContainer(String name, String role) {
        return creating(() -> {
            requireImage();
            String id = client().createContainerCmd(image).withName(name).withCmd("true").withLabels(GateLabels.of(runId, role)).exec().getId();
            removals.push(() -> removeContainer(id));
            return id;
        });
    }

    public String network(String name, String role) {
        return creating(() -> {
            String id = client().createNetworkCmd().withName(name).withLabels(GateLabels.of(runId, role)).exec().getId();
            removals.push(() -> ignoreMissing(n -> client().removeNetworkCmd(n).exec(), id));
            return id;
        });
    }

    public String volume(String name, String role) {
        return creating(() -> {
            removals.push(() -> ignoreMissing(n -> client().removeVolumeCmd(n).exec(), name));
            return client().createVolumeCmd().withName(name).withLabels(GateLabels.of(runId, role)).exec().getName();
        });
    }

    public HostPortHolder hostListener(int port) {
        return creating(() -> {
            HostPortHolder holder = HostPortHolder.start(port);
            hostPids.add(holder.pid());
            removals.push(holder::close);
            return holder;
        });
    }

    /** The host processes the gate planted (never a script's creation). */
    public Set<Long> hostPids() {
        return Set.copyOf(hostPids);
    }

    /** Removes everything planted so far, newest first; returns what could not be removed. */
    public List<String> removeAll() {
        List<String> problems = new ArrayList<>();
        Runnable removal;
        while ((removal = removals.poll()) != null) {
            try {
                removal.run();
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    @Override
    public void close() {
        shutdown();
    }

    /** Stops planting, waits for creations in flight (an interrupt may come mid-create), removes everything; returns problems. */
    public List<String> shutdown() {
        closing = true;
        // when it does not finish in time, what exists is removed; the label sweep of the run catches the rest
        Waits.until("planting in flight finishes", IN_FLIGHT_TIMEOUT, Duration.ofMillis(50), () -> inFlight.get() == 0);
        return removeAll();
    }

    private void removeContainer(String id) {
        ignoreMissing(n -> ContainerRemoval.remove(engine, n, n), id);
    }

    private static void ignoreMissing(Consumer<String> action, String name) {
        try {
            action.accept(name);
        } catch (NotFoundException e) {
            // already gone (the cleanup script under test may remove it): nothing to do
        }
    }

    private DockerClient client() {
        return engine.client();
    }
}
