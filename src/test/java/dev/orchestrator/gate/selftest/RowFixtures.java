package dev.orchestrator.gate.selftest;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.run.RunLock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a self-test row puts on its engine before the gate runs (networks it makes, containers it starts), removed when
 * the row ends: by {@link #close()}, or, when the row's process is stopped (SIGTERM, its parent gone), by a shutdown hook
 * that first lets the gate's own teardown hook finish.
 */
final class RowFixtures implements AutoCloseable {

    /**
     * How long the stop's removal waits for the gate's teardown to end: with {@link #NETWORK_FREED}, within the time the
     * self-tests give a stopped runner before they kill it ({@link GateProcess#TEARDOWN_ON_SIGNAL}).
     */
    private static final Duration GATE_TEARDOWN = Duration.ofSeconds(60);
    /** How long a network is retried while an endpoint (a container the gate's teardown is removing) still holds it. */
    private static final Duration NETWORK_FREED = Duration.ofSeconds(20);

    private static final int FORBIDDEN = 403;
    private static final int CONFLICT = 409;

    private final DockerEngine engine;
    private final List<String> networks = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();
    private final Thread onStop = new Thread(this::removeAfterTheGate, "selftest-fixtures-removal");
    private boolean removed;

    RowFixtures(DockerEngine engine) {
        this.engine = engine;
        Runtime.getRuntime().addShutdownHook(onStop);
    }

    /** Makes {@code name} unless it exists (then it is not the row's, and stays). */
    synchronized RowFixtures withNetwork(String name) {
        refuseWhenRemoved();
        if (engine.network(name).isEmpty()) {
            networks.add(engine.client().createNetworkCmd().withName(name).withLabels(Map.of(RowRunner.LABEL, "fixture")).exec().getId());
        }
        return this;
    }

    /** Creates and starts {@code c}. */
    synchronized RowFixtures withContainer(RowRunner.Fixture c) {
        refuseWhenRemoved();
        HostConfig host = HostConfig.newHostConfig();
        CreateContainerCmd create = engine.client().createContainerCmd(c.image()).withName(c.name()).withLabels(Map.of(RowRunner.LABEL, "fixture"));
        if (!c.command().isEmpty()) {
            create.withCmd(c.command());
        }
        if (!c.environment().isEmpty()) {
            create.withEnv(c.environment());
        }
        if (!c.network().isEmpty()) {
            host.withNetworkMode(c.network());
        }
        if (c.containerPort() > 0) {
            create.withExposedPorts(ExposedPort.tcp(c.containerPort()));
            host.withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", c.hostPort()), ExposedPort.tcp(c.containerPort())));
        }
        String id = create.withHostConfig(host).exec().getId();
        containers.add(id); // removed even when its start fails
        engine.client().startContainerCmd(id).exec();
        return this;
    }

    private void refuseWhenRemoved() {
        if (removed) {
            throw new IllegalStateException("the row is stopping: no fixture is made any more");
        }
    }

    @Override
    public void close() {
        try {
            remove();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onStop);
            } catch (IllegalStateException stopping) {
                // the JVM is stopping: the hook runs, and finds everything removed
            }
        }
    }

    /**
     * The stop's removal, once the gate's run of this JVM released its lock (the end of its teardown: its stack may be attached
     * to a network of the row's until then); at once when no run holds one (nothing of the gate's is on the engine yet).
     */
    private void removeAfterTheGate() {
        if (!Waits.until("the gate's teardown ended", GATE_TEARDOWN, Duration.ofMillis(250), () -> !RunLock.heldHere())) {
            System.out.println("[selftest] the gate's teardown did not end within " + GATE_TEARDOWN.toSeconds() + " s: removing the row's fixtures anyway");
        }
        remove();
        System.out.println("[selftest] the row was stopped: its fixtures are removed");
    }

    /**
     * Removes every container the row started (one the scenario under test removed is gone already), then its networks, by
     * id; tries each, and names every one it could not remove.
     */
    private synchronized void remove() {
        if (removed) {
            return;
        }
        removed = true;
        List<String> failed = new ArrayList<>();
        containers.forEach(id -> {
            try {
                engine.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // removed by the script under test: what the row proves
            } catch (RuntimeException e) {
                failed.add("container " + id + ": " + e.getMessage());
            }
        });
        networks.forEach(id -> {
            try {
                if (!Waits.until("the row's network " + id + " removed", NETWORK_FREED, Duration.ofMillis(250), () -> removeNetwork(id))) {
                    failed.add("network " + id + ": still has endpoints after " + NETWORK_FREED.toSeconds() + " s");
                }
            } catch (RuntimeException e) {
                failed.add("network " + id + ": " + e.getMessage());
            }
        });
        if (!failed.isEmpty()) {
            throw new IllegalStateException("the row's fixtures could not all be removed: " + String.join("; ", failed));
        }
    }

    /** True once the network {@code id} is gone; false while a container is still attached to it. */
    private boolean removeNetwork(String id) {
        try {
            engine.client().removeNetworkCmd(id).exec();
            return true;
        } catch (NotFoundException gone) {
            return true;
        } catch (DockerException attached) {
            if (attached.getHttpStatus() == FORBIDDEN || attached.getHttpStatus() == CONFLICT) { // "has active endpoints" (by engine version)
                return false;
            }
            throw attached;
        }
    }
}
