package dev.orchestrator.gate.run;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.docker.HostPorts;
import dev.orchestrator.gate.platform.CoolifyPlatform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses to start on a host that runs something the port scenario's cleanup script would kill:
 * a container of the service or publishing its port, a neighbour named like it (said to be NOT the
 * service), a listener on the port, or the external network in use by containers the gate did not create.
 */
final class Preflight {

    private Preflight() {
    }

    /**
     * What was found; empty when the host is safe for the scenario. A container of the service (its label, its names,
     * its port) is named as such; a neighbour merely named like it is named as NOT the service, and still refused:
     * a cleanup script that matches names may reach it.
     */
    static List<String> findings(DockerEngine engine, ServiceIdentity service, List<String> externalNetworks, boolean hostProbes) {
        List<String> found = new ArrayList<>();
        int port = service.port();
        // what the cleanup script could reach by name: the service's own containers, and neighbours merely named like it
        List<Container> named = engine.containersNamed(service.likeness());
        List<Container> theService = named.stream().filter(service::is).toList();
        List<Container> neighbours = named.stream().filter(c -> !service.is(c)).toList();
        if (!theService.isEmpty()) {
            found.add("containers of the service (" + service.marks() + "): " + DockerEngine.describe(theService));
        }
        if (!neighbours.isEmpty()) {
            found.add(String.join("; ", neighbours.stream().map(c -> DockerEngine.describe(c) + " is not the service (no label, name or port of it)").toList())
                    + "; the cleanup script under test may reach " + (neighbours.size() == 1 ? "it" : "them") + " by name");
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
        engine.allContainers().stream().filter(c -> DockerEngine.name(c).equals(CoolifyPlatform.PROXY) && !gateCreated.contains(DockerEngine.name(c)))
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
