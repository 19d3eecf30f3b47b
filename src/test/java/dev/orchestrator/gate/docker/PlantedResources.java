package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.IsRunningStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

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
        return creating(() -> startContainer(name, role, hostIp, port, network));
    }

    private GenericContainer<?> startContainer(String name, String role, String hostIp, Integer port, String network) {
        requireImage();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withCommand("sleep", "infinity")
                .withLabels(GateLabels.of(runId, role))
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
        removals.push(() -> removeContainer(name));
        container.start();
        return container;
    }

    /** A container that exists but is not running, holding {@code name}. */
    public String stoppedContainer(String name, String role) {
        return creating(() -> {
            requireImage();
            removals.push(() -> removeContainer(name));
            return client().createContainerCmd(image).withName(name).withCmd("true")
                    .withLabels(GateLabels.of(runId, role)).exec().getId();
        });
    }

    /** A container something else created during the run (an operator script): removed with the rest. */
    public void adopt(String containerId) {
        removals.push(() -> removeContainer(containerId));
    }

    public String network(String name, String role) {
        return creating(() -> {
            removals.push(() -> ignoreMissing(n -> client().removeNetworkCmd(n).exec(), name));
            return client().createNetworkCmd().withName(name).withLabels(GateLabels.of(runId, role)).exec().getId();
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
            removals.push(holder::close);
            return holder;
        });
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
        try {
            Awaitility.await("planting in flight finishes").atMost(IN_FLIGHT_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> inFlight.get() == 0);
        } catch (ConditionTimeoutException e) {
            // remove what exists; the label sweep of the run catches the rest
        }
        return removeAll();
    }

    private void removeContainer(String name) {
        ignoreMissing(n -> client().removeContainerCmd(n).withForce(true).withRemoveVolumes(true).exec(), name);
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
