package dev.orchestrator.gate.docker;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Labels on everything the gate creates itself, so that only its own objects are ever removed. */
public final class GateLabels {

    /** Present on every object the gate created; its value is the run id. */
    public static final String RUN = "io.orchestrator-gate.run";
    /** Compose project names of the gate start with this; leftovers are found by it. */
    public static final String PROJECT_PREFIX = "ogate-";
    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
    public static final String COMPOSE_SERVICE = "com.docker.compose.service";

    private GateLabels() {
    }

    /** Set by compose on the containers it creates; images it builds (and so `docker run` containers) never carry it. */
    public static final String COMPOSE_CONFIG_HASH = "com.docker.compose.config-hash";

    /**
     * True for a container compose created in a project of the gate. The project label alone is not
     * enough: compose stamps it on the images it builds, and every container started from such an
     * image inherits it.
     */
    public static boolean composeContainerOf(Map<String, String> labels, Predicate<String> project) {
        return labels.containsKey(COMPOSE_CONFIG_HASH) && project.test(labels.getOrDefault(COMPOSE_PROJECT, ""));
    }

    /** What a gate-created object is for (stale-deploy, bystander, ...). */
    public static final String ROLE = "io.orchestrator-gate.role";
    /** Role of an external network the gate created because it was missing: removed last, by the run itself. */
    public static final String EXTERNAL_NETWORK_ROLE = "external-network";

    /** True for an object of one of these runs: by its run label, or by its compose project ({@code ogate-<run id>}). */
    public static boolean ofAnyRun(Map<String, String> labels, Set<String> runIds) {
        if (labels == null) {
            return false;
        }
        String project = labels.getOrDefault(COMPOSE_PROJECT, "");
        return runIds.contains(labels.getOrDefault(RUN, ""))
                || project.startsWith(PROJECT_PREFIX) && runIds.contains(project.substring(PROJECT_PREFIX.length()));
    }

    public static Map<String, String> of(String runId, String role) {
        return Map.of(RUN, runId, ROLE, role);
    }
}
