package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Network;
import dev.orchestrator.gate.process.Commands;
import org.testcontainers.DockerClientFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Read access to the engine through Testcontainers' shared Docker client (never closed here). */
public final class DockerEngine {

    private final DockerClient client;
    /** The engine's clock minus this JVM's (read once: a remote engine's clock may be off; its times are read on its clock). */
    private volatile Duration clockOffset;

    public DockerEngine() {
        // an ssh:// engine: the CLI talks SSH itself, the Docker client gets a socket forwarded over SSH (once per JVM)
        SshTunnel.clientHost(dockerHost()).ifPresent(local -> System.setProperty("DOCKER_HOST", local));
        this.client = DockerClientFactory.instance().client();
        client.pingCmd().exec(); // fail here, with the engine's address, rather than half way through a phase
    }

    /** The engine address the docker CLI (and so compose) uses: DOCKER_HOST, or the local socket. */
    public static String dockerHost() {
        return Optional.ofNullable(System.getenv("DOCKER_HOST")).orElse("unix:///var/run/docker.sock");
    }

    /** The environment every docker / compose command gets, so that the CLI acts on the engine the client inspects. */
    public static Map<String, String> cliEnvironment() {
        return Map.of("DOCKER_HOST", dockerHost());
    }

    public DockerClient client() {
        return client;
    }

    public String engineVersion() {
        return client.versionCmd().exec().getVersion();
    }

    /** The docker CLI's own version (the client that compose and the platform's steps run), read once; "" when it does not say. */
    public static String cliVersion() {
        return CLI_VERSION.get();
    }

    private static final Supplier<String> CLI_VERSION = new Supplier<>() {
        private volatile String version;

        @Override
        public String get() {
            if (version == null) {
                var result = Commands.run(Duration.ofSeconds(15), List.of("docker", "version", "--format", "{{.Client.Version}}"),
                        cliEnvironment(), null);
                version = result.stdout().strip();
            }
            return version;
        }
    };

    /**
     * How far the engine's clock is ahead of this JVM's (negative: behind), from {@code docker info}'s SystemTime, taken
     * halfway through the call; zero when the engine does not say. Times the engine reports ({@code State.StartedAt})
     * are read on its clock: a remote engine's clock offset must not count as the service's time.
     */
    public Duration clockOffset() {
        if (clockOffset == null) {
            Instant before = Instant.now();
            String system = client.infoCmd().exec().getSystemTime();
            Instant after = Instant.now();
            clockOffset = engineClockOffset(system, before.plus(Duration.between(before, after).dividedBy(2)));
        }
        return clockOffset;
    }

    /** The engine's {@code systemTime} minus {@code localThen}; zero when it cannot be read. */
    static Duration engineClockOffset(String systemTime, Instant localThen) {
        try {
            return Duration.between(localThen, OffsetDateTime.parse(systemTime).toInstant());
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
    }

    public List<Container> allContainers() {
        return client.listContainersCmd().withShowAll(true).exec();
    }

    public static String name(Container c) {
        return c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", "");
    }

    public static String describe(Container c) {
        return name(c) + " (" + c.getId().substring(0, 12) + ", " + c.getState() + ")";
    }

    public static String describe(List<Container> containers) {
        return containers.isEmpty() ? "none" : containers.stream().map(DockerEngine::describe).collect(Collectors.joining(", "));
    }

    public List<Container> containersNamed(Pattern pattern) {
        return allContainers().stream().filter(c -> pattern.matcher(name(c)).find()).toList();
    }

    /** Containers that publish {@code port} on the host (any state that holds a binding). */
    public List<Container> publishersOf(int port) {
        return allContainers().stream().filter(c -> publishes(c, port)).toList();
    }

    /** Whether {@code c} publishes {@code port} on the host. */
    public static boolean publishes(Container c, int port) {
        return c.getPorts() != null && Arrays.stream(c.getPorts()).map(ContainerPort::getPublicPort).anyMatch(p -> p != null && p == port);
    }

    /** Every container of a compose project, whatever its service. */
    public List<Container> projectContainers(String project) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(GateLabels.COMPOSE_PROJECT, project)).exec();
    }

    public List<Container> serviceContainers(String project, String service) {
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(GateLabels.COMPOSE_PROJECT, project, GateLabels.COMPOSE_SERVICE, service)).exec();
    }

    public List<Container> withLabel(String label) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec();
    }

    public Optional<InspectContainerResponse> inspect(String id) {
        try {
            return Optional.of(client.inspectContainerCmd(id).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The image behind a name or id, if the engine has it. */
    public Optional<InspectImageResponse> image(String nameOrId) {
        try {
            return Optional.of(client.inspectImageCmd(nameOrId).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    public Optional<Network> network(String name) {
        return client.listNetworksCmd().withNameFilter(name).exec().stream().filter(n -> n.getName().equals(name)).findFirst();
    }

    /** Names of the containers attached to a network. */
    public List<String> networkMembers(String name) {
        return network(name).map(n -> client.inspectNetworkCmd().withNetworkId(n.getId()).exec())
                .map(n -> n.getContainers() == null ? List.<String>of()
                        : n.getContainers().values().stream().map(Network.ContainerNetworkConfig::getName).toList())
                .orElse(List.of());
    }

    /** The container's identity now: state, processes (docker top), published ports; listeners not read. */
    public ContainerSnapshot snapshot(String id) {
        InspectContainerResponse inspect = client.inspectContainerCmd(id).exec();
        InspectContainerResponse.ContainerState state = inspect.getState();
        List<ContainerSnapshot.Proc> processes = new ArrayList<>();
        if (Boolean.TRUE.equals(state.getRunning())) {
            try {
                TopContainerResponse top = client.topContainerCmd(id).withPsArgs("-eo pid,ppid,args").exec();
                if (top.getProcesses() != null) {
                    for (String[] row : top.getProcesses()) {
                        processes.add(new ContainerSnapshot.Proc(Long.parseLong(row[0].strip()), Long.parseLong(row[1].strip()),
                                String.join(" ", Arrays.copyOfRange(row, 2, row.length)).strip()));
                    }
                }
            } catch (ConflictException | NotFoundException e) {
                // it stopped between inspect and top: a snapshot without processes, its state says why
            }
        }
        List<String> hostPorts = new ArrayList<>();
        if (inspect.getNetworkSettings() != null && inspect.getNetworkSettings().getPorts() != null) {
            inspect.getNetworkSettings().getPorts().getBindings().forEach((exposed, bindings) -> {
                if (bindings != null) {
                    Arrays.stream(bindings).forEach(b -> hostPorts.add(b.getHostIp() + ":" + b.getHostPortSpec() + "->" + exposed));
                }
            });
        }
        return new ContainerSnapshot(inspect.getId(), inspect.getName().replaceFirst("^/", ""), state.getStatus(),
                state.getStartedAt(), inspect.getRestartCount() == null ? 0 : inspect.getRestartCount(),
                state.getPidLong() == null ? 0 : state.getPidLong(), processes, hostPorts, Optional.empty(), "not read");
    }

    /** As {@link #snapshot}, with the TCP listeners read from inside the container (or why they could not be). */
    public ContainerSnapshot snapshotWithListeners(String id) {
        ContainerSnapshot snapshot = snapshot(id);
        if (!"running".equals(snapshot.status())) {
            return snapshot.withInside(Optional.empty(), "the container is " + snapshot.status());
        }
        StringBuilder why = new StringBuilder();
        Optional<ContainerSnapshot.Inside> inside = ContainerListeners.read(client, id, why);
        return snapshot.withInside(inside, why.toString());
    }
}
