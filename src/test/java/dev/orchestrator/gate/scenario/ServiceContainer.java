package dev.orchestrator.gate.scenario;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.failure.ServiceFailure;
import dev.orchestrator.gate.run.StackTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The one container of the service under test, and what would show there is not exactly one. */
public final class ServiceContainer {

    private ServiceContainer() {
    }

    /**
     * Problems with "exactly one container of the service in the run's project, and no other container named as the
     * service anywhere" (by its names: the file's container_name, the platform's, the operator's pattern; a neighbour
     * merely named like it is not the service).
     */
    public static List<Problem> notExactlyOne(StackTarget stack) {
        List<Problem> problems = new ArrayList<>();
        List<Container> mine = stack.serviceContainers();
        if (mine.size() != 1) {
            problems.add(Problem.of(ProblemCode.CONTAINER_COUNT, "expected exactly one " + stack.service() + " container, found " + mine.size() + ": "
                    + DockerEngine.describe(mine)));
        }
        List<Container> named = stack.engine().allContainers().stream()
                .filter(c -> !stack.identity().ofAnotherRun(c) && (stack.identity().named(DockerEngine.name(c)) || stack.identity().publishesThePort(c)))
                .filter(c -> !isPlanted(c)).filter(c -> mine.stream().noneMatch(m -> m.getId().equals(c.getId()))).toList();
        if (!named.isEmpty()) {
            problems.add(Problem.of(ProblemCode.SECOND_CONTAINER, "other containers of the service on the engine (named as it, or publishing its port): "
                    + DockerEngine.describe(named)));
        }
        return problems;
    }

    /**
     * Every container on the engine that is the service, whoever started it: named as it (see {@link #notExactlyOne}),
     * carrying its compose service label in any project (a script's `docker compose up` from the app folder included),
     * or publishing its port (a script's `docker run`).
     */
    public static List<Container> anywhere(StackTarget stack) {
        return stack.engine().allContainers().stream().filter(stack.identity()::is).filter(c -> !isPlanted(c)).toList();
    }

    private static boolean isPlanted(Container c) {
        return c.getLabels() != null && c.getLabels().getOrDefault(GateLabels.ROLE, "").startsWith("stale");
    }

    /** The service's container now, with the programs listening inside it (the identity every later moment is compared with). */
    public static ContainerSnapshot snapshot(StackTarget stack) {
        Container c = stack.serviceContainers().stream().findFirst()
                .orElseThrow(()
                -> new ServiceFailure(ProblemCode.NO_CONTAINER, "no " + stack.service() + " container in project " + stack.compose().project()));
        return stack.engine().snapshotWithListeners(c.getId());
    }

    /** The container's compose project and platform labels, for evidence ("project stack, no coolify.applicationId"). */
    public static String provenance(Container c) {
        var labels = c.getLabels() == null ? Map.<String, String>of() : c.getLabels();
        String project = labels.getOrDefault(GateLabels.COMPOSE_PROJECT, "");
        return DockerEngine.describe(c) + ", compose project " + (project.isEmpty() ? "(none)" : project) + ", "
                + (labels.containsKey("coolify.applicationId") ? "coolify.applicationId=" + labels.get("coolify.applicationId")
                : "no coolify.applicationId label");
    }
}
