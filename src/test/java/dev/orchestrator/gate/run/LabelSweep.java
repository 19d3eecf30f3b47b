package dev.orchestrator.gate.run;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.orchestrator.gate.docker.ContainerRemoval;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.EngineInventory;
import dev.orchestrator.gate.docker.GateLabels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Removes what the gate created, found by its labels: an earlier run's leftovers at start, this run's at the end. */
final class LabelSweep {

    /** What a sweep removed, and what it could not. */
    record Removal(List<String> removed, List<String> problems) {
    }

    private final DockerEngine engine;

    LabelSweep(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * Everything of an earlier gate run that is not running any more. The caller's lock is per engine
     * and port: a run on another port of the same engine may be going on, and its objects are its own.
     */
    Removal leftovers(Set<String> liveRunIds) {
        Predicate<Map<String, String>> ofLiveRun = labels -> GateLabels.ofAnyRun(labels, liveRunIds);
        Predicate<Map<String, String>> gateProject = labels -> labels.getOrDefault(GateLabels.COMPOSE_PROJECT, "").startsWith(GateLabels.PROJECT_PREFIX);
        return remove(labels -> !ofLiveRun.test(labels)
                        && (labels.containsKey(GateLabels.RUN) || GateLabels.composeContainerOf(labels, p -> p.startsWith(GateLabels.PROJECT_PREFIX))),
                labels -> !ofLiveRun.test(labels) && (labels.containsKey(GateLabels.RUN) || gateProject.test(labels)));
    }

    /** Anything still carrying this run's label or project (e.g. created while an interrupt tore down); the external network is removed by its owner. */
    Removal ofRun(String runId, String project) {
        return remove(labels -> runId.equals(labels.get(GateLabels.RUN)) || GateLabels.composeContainerOf(labels, project::equals),
                labels -> runId.equals(labels.get(GateLabels.RUN)) && !GateLabels.EXTERNAL_NETWORK_ROLE.equals(labels.get(GateLabels.ROLE))
                        || project.equals(labels.get(GateLabels.COMPOSE_PROJECT)));
    }

    /**
     * Removes the containers whose labels match {@code container}, then the networks and volumes whose
     * labels match {@code networkOrVolume} (they cannot inherit labels from an image, containers can).
     */
    private Removal remove(Predicate<Map<String, String>> container, Predicate<Map<String, String>> networkOrVolume) {
        Removal removal = new Removal(new ArrayList<>(), new ArrayList<>());
        List<EngineInventory.Resource> resources = EngineInventory.take(engine).resources();
        // containers first: a network or volume in use cannot go
        for (String kind : List.of("container", "network", "volume")) {
            for (EngineInventory.Resource r : resources) {
                if (r.kind().equals(kind) && (kind.equals("container") ? container : networkOrVolume).test(r.labels())) {
                    attempt(removal, kind + " " + r.name(), () -> removeOne(r));
                }
            }
        }
        return removal;
    }

    private void removeOne(EngineInventory.Resource r) {
        switch (r.kind()) {
            case "container" -> ContainerRemoval.remove(engine, r.id(), r.name());
            case "network" -> engine.client().removeNetworkCmd(r.id()).exec();
            default -> engine.client().removeVolumeCmd(r.id()).exec();
        }
    }

    private static void attempt(Removal removal, String what, Runnable action) {
        try {
            action.run();
            removal.removed().add(what);
        } catch (NotFoundException e) {
            // gone between listing and removing (e.g. compose down of the same project): nothing is left, nothing to report
        } catch (RuntimeException e) {
            removal.problems().add(what + ": " + e.getMessage());
        }
    }
}
