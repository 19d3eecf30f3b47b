package dev.orchestrator.gate.run;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.docker.HostPorts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Refuses to start on a host that runs something the port scenario's cleanup script would kill:
 * a container named like the service or publishing its port, a listener on the port, or the
 * external network in use by containers the gate did not create.
 */
final class Preflight {

    private Preflight() {
    }

    /** What was found; empty when the host is safe for the scenario. */
    static List<String> findings(DockerEngine engine, Pattern namePattern, int port, List<String> externalNetworks, boolean hostProbes) {
        List<String> found = new ArrayList<>();
        List<Container> named = engine.containersNamed(namePattern);
        if (!named.isEmpty()) {
            found.add("containers matching /" + namePattern + "/: " + DockerEngine.describe(named));
        }
        List<Container> publishers = new ArrayList<>(engine.publishersOf(port));
        publishers.removeIf(named::contains);
        if (!publishers.isEmpty()) {
            found.add("containers publishing port " + port + ": " + DockerEngine.describe(publishers));
        }
        if (hostProbes) {
            Optional<List<HostPorts.Listener>> listeners = HostPorts.listeners(port);
            listeners.ifPresent(l -> l.stream()
                    .filter(x -> !x.process().equals("docker-proxy") || publishers.isEmpty() && named.isEmpty())
                    .forEach(x -> found.add("port " + port + " " + x.describe())));
            if (listeners.isEmpty() && !HostPorts.bindable(port)) {
                found.add("port " + port + " cannot be bound (something listens on it)");
            }
        }
        Set<String> gateCreated = engine.withLabel(GateLabels.RUN).stream().map(DockerEngine::name).collect(Collectors.toSet());
        engine.allContainers().stream().filter(c -> DockerEngine.name(c).equals(dev.orchestrator.gate.platform.CoolifyPlatform.PROXY) && !gateCreated.contains(DockerEngine.name(c)))
                .forEach(c -> found.add("a container " + DockerEngine.describe(c) + " the gate did not create: this looks like a Coolify host (its proxy)"));
        for (String network : externalNetworks) {
            List<String> foreign = engine.networkMembers(network).stream().filter(n -> !gateCreated.contains(n)).toList();
            if (!foreign.isEmpty()) {
                found.add("external network '" + network + "' is in use by containers the gate did not create: " + String.join(", ", foreign));
            }
        }
        return found;
    }
}
