package dev.orchestrator.gate.run;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.docker.HostPorts;

import java.util.ArrayList;
import java.util.List;
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
            HostPorts.listeners(port).ifPresent(listeners -> listeners.stream()
                    .filter(l -> !l.process().equals("docker-proxy") || publishers.isEmpty() && named.isEmpty())
                    .forEach(l -> found.add("port " + port + " " + l.describe())));
            if (HostPorts.listeners(port).isEmpty() && !HostPorts.bindable(port)) {
                found.add("port " + port + " cannot be bound (something listens on it)");
            }
        }
        for (String network : externalNetworks) {
            List<String> foreign = engine.networkMembers(network).stream().filter(n -> engine.allContainers().stream()
                    .filter(c -> DockerEngine.name(c).equals(n))
                    .noneMatch(c -> c.getLabels() != null && c.getLabels().containsKey(GateLabels.RUN))).toList();
            if (!foreign.isEmpty()) {
                found.add("external network '" + network + "' is in use by containers the gate did not create: " + String.join(", ", foreign));
            }
        }
        return found;
    }
}
