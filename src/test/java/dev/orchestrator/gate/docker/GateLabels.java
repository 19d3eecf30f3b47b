package dev.orchestrator.gate.docker;

import java.util.Map;

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

    public static Map<String, String> of(String runId, String role) {
        return Map.of(RUN, runId, "io.orchestrator-gate.role", role);
    }
}
