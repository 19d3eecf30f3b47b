package dev.orchestrator.gate.acceptance;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.ContainerIdentity;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.HealthcheckInForce;
import dev.orchestrator.gate.run.StackTarget;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** The one container of the service under test, and what would show there is not exactly one. */
final class ServiceContainer {

    private ServiceContainer() {
    }

    /** Problems with "exactly one container of the service, and no other container named like it anywhere". */
    static List<String> notExactlyOne(StackTarget stack) {
        List<String> problems = new ArrayList<>();
        List<Container> mine = stack.serviceContainers();
        if (mine.size() != 1) {
            problems.add("expected exactly one " + stack.service() + " container, found " + mine.size() + ": " + DockerEngine.describe(mine));
        }
        List<Container> named = stack.engine().containersNamed(stack.namePattern()).stream()
                .filter(c -> mine.stream().noneMatch(m -> m.getId().equals(c.getId()))).toList();
        if (!named.isEmpty()) {
            problems.add("other containers named like /" + stack.namePattern() + "/ on the engine: " + DockerEngine.describe(named));
        }
        return problems;
    }

    static ContainerSnapshot snapshot(StackTarget stack) {
        Container c = stack.serviceContainers().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no " + stack.service() + " container in project " + stack.compose().project()));
        return stack.engine().snapshot(c.getId());
    }

    /** All that changed since {@code before}, plus any second container. */
    static List<String> changesSince(StackTarget stack, ContainerSnapshot before) {
        List<String> problems = new ArrayList<>(notExactlyOne(stack));
        stack.engine().inspect(before.id()).ifPresentOrElse(
                i -> problems.addAll(ContainerIdentity.differences(before, stack.engine().snapshot(before.id()), stack.port(), healthProbe(stack, before.id()))),
                () -> problems.add("container " + before.name() + " (" + before.shortId() + ") is gone"));
        return problems;
    }

    /** The healthcheck's probe commands as the container runs them, whose short-lived processes are not a second backend. */
    static List<String> healthProbe(StackTarget stack, String containerId) {
        return stack.engine().inspect(containerId).flatMap(HealthcheckInForce::of).map(HealthcheckInForce::probeCommandPrefixes).orElse(List.of());
    }

    /**
     * Holds "nothing changed since {@code before}" for {@code length} (polled every {@code poll});
     * returns what changed first, or empty when the backend stayed the same the whole time.
     */
    static List<String> changesWithin(StackTarget stack, ContainerSnapshot before, String what, Duration length, Duration poll) {
        List<String> seen = new ArrayList<>();
        try {
            await(what).during(length).atMost(length.plusSeconds(5)).pollInterval(poll)
                    .failFast(what, () -> {
                        seen.clear();
                        seen.addAll(changesSince(stack, before));
                        return !seen.isEmpty();
                    })
                    .until(() -> true);
            return List.of();
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            return seen.isEmpty() ? List.of(String.valueOf(e.getMessage())) : List.copyOf(seen);
        }
    }
}
