package dev.orchestrator.gate.checks;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.HostPorts;
import dev.orchestrator.gate.run.StackTarget;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One look at the service's port: the bind probe and the listener table (where host probes apply) and the
 * containers publishing it. Both host checks must agree that it is free.
 */
record PortProbe(Optional<Boolean> bindable, Optional<List<HostPorts.Listener>> listeners, List<Container> publishers) {

    static PortProbe take(StackTarget stack) {
        boolean host = stack.hostProbesNotApplicable().isEmpty();
        return new PortProbe(host ? Optional.of(HostPorts.bindable(stack.port())) : Optional.empty(),
                host ? HostPorts.listeners(stack.port()) : Optional.empty(), stack.engine().publishersOf(stack.port()));
    }

    boolean free() {
        return bindable.orElse(true) && listeners.map(List::isEmpty).orElse(true) && publishers.isEmpty();
    }

    /** Who holds the port, in words ("0.0.0.0:9403 held by python3 (pid 4242); container x (id, running)"). */
    String holders() {
        String table = listeners.map(l -> l.isEmpty() ? "" : String.join(", ", l.stream().map(HostPorts.Listener::describe).toList())).orElse("");
        String containers = publishers.isEmpty() ? "" : "published by " + DockerEngine.describe(publishers);
        String both = String.join("; ", Stream.of(table, containers).filter(s -> !s.isEmpty()).toList());
        return both.isEmpty() ? (bindable.orElse(true) ? "nothing" : "cannot be bound (the listener table names nobody)") : both;
    }

    String listenerTable() {
        return listeners.map(l -> l.isEmpty() ? "no listener" : String.join("\n", l.stream().map(HostPorts.Listener::describe).toList()))
                .orElse("not applicable: ss is not available on this host");
    }
}
