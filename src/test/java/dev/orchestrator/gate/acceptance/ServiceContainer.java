package dev.orchestrator.gate.acceptance;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.ContainerIdentity;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.HealthcheckInForce;
import dev.orchestrator.gate.run.GateRun;

import java.util.ArrayList;
import java.util.List;

/** The one container of the service under test, and what would show there is not exactly one. */
final class ServiceContainer {

    private ServiceContainer() {
    }

    /** Problems with "exactly one container of the service, and no other container named like it anywhere". */
    static List<String> notExactlyOne(GateRun gate) {
        List<String> problems = new ArrayList<>();
        List<Container> mine = gate.serviceContainers();
        if (mine.size() != 1) {
            problems.add("expected exactly one " + gate.service() + " container, found " + mine.size() + ": " + DockerEngine.describe(mine));
        }
        List<Container> named = gate.engine().containersNamed(gate.namePattern()).stream()
                .filter(c -> mine.stream().noneMatch(m -> m.getId().equals(c.getId()))).toList();
        if (!named.isEmpty()) {
            problems.add("other containers named like /" + gate.namePattern() + "/ on the engine: " + DockerEngine.describe(named));
        }
        return problems;
    }

    static ContainerSnapshot snapshot(GateRun gate) {
        Container c = gate.serviceContainers().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no " + gate.service() + " container in project " + gate.compose().project()));
        return gate.engine().snapshot(c.getId());
    }

    /** All that changed since {@code before}, plus any second container. */
    static List<String> changesSince(GateRun gate, ContainerSnapshot before) {
        List<String> problems = new ArrayList<>(notExactlyOne(gate));
        gate.engine().inspect(before.id()).ifPresentOrElse(
                i -> problems.addAll(ContainerIdentity.differences(before, gate.engine().snapshot(before.id()), gate.port(), healthProbe(gate, before.id()))),
                () -> problems.add("container " + before.name() + " (" + before.shortId() + ") is gone"));
        return problems;
    }

    /** The healthcheck's probe commands as the container runs them, whose short-lived processes are not a second backend. */
    static List<String> healthProbe(GateRun gate, String containerId) {
        return gate.engine().inspect(containerId).flatMap(HealthcheckInForce::of).map(HealthcheckInForce::probeCommandPrefixes).orElse(List.of());
    }
}
