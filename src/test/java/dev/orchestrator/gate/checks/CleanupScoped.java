package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.EngineInventory;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.CleanupRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * AC-04: the cleanup leaves alone what is not the service's: the planted bystanders, and everything else
 * that was on the engine before the script (named when it vanished).
 */
public final class CleanupScoped implements Check {

    private final StackTarget stack;
    private final Supplier<CleanupRun> cleanup;

    public CleanupScoped(StackTarget stack, Supplier<CleanupRun> cleanup) {
        this.stack = stack;
        this.cleanup = cleanup;
    }

    @Override
    public Outcome check(Findings findings) {
        CleanupRun run = cleanup.get();
        DockerEngine engine = stack.engine();
        EngineInventory before = run.before();
        EngineInventory after = EngineInventory.take(engine);
        // the service's own containers, the planted stale holders and the run's compose objects are the cleanup's to remove
        List<EngineInventory.Resource> vanished = before.vanishedIn(after, this::isTheServices);
        List<Problem> lost = new ArrayList<>(vanished.stream().map(r -> Problem.of(ProblemCode.REMOVED_FOREIGN_RESOURCE, r.describe())).toList());
        StringBuilder table = new StringBuilder("resource | before cleanup | after cleanup\n");
        for (Map.Entry<String, String> b : run.bystanders().entrySet()) {
            String what = b.getKey();
            boolean wasThere = before.resources().stream().anyMatch(r -> r.id().equals(b.getValue()) || r.name().equals(b.getValue()));
            boolean isThere = after.resources().stream().anyMatch(r -> r.id().equals(b.getValue()) || r.name().equals(b.getValue()));
            boolean running = !CleanupRun.runs(what) || engine.inspect(b.getValue()).map(c -> Boolean.TRUE.equals(c.getState().getRunning())).orElse(false);
            table.append(what).append(" | ").append(wasThere ? "present" : "ABSENT").append(" | ")
                    .append(!isThere ? "GONE" : running ? "present" : "STOPPED").append('\n');
            if (isThere && !running) {
                lost.add(Problem.of(ProblemCode.STOPPED_BYSTANDER, what + " stopped"));
            }
        }
        findings.evidence("planted bystanders before/after cleanup", table.toString().strip())
                .evidence("engine inventory before cleanup (" + before.size() + ")", EngineInventory.describe(before.resources()))
                .evidence("gone after cleanup, not the service's", EngineInventory.describe(vanished))
                .measure("resources_before", before.size()).measure("resources_after", after.size()).measure("lost", lost.size());
        return lost.isEmpty()
                ? Outcome.passed("nothing but the service's resources was removed: " + before.size() + " resources listed before the cleanup, "
                        + run.bystanders().size() + " planted bystanders among them, all still there")
                : Outcome.failed("cleanup removed resources that are not the orchestrator's", lost);
    }

    /**
     * The service's containers (by its identity: names, compose service label; a neighbour merely named like it is
     * not the service, and removing it fails AC-04), the planted stale holders, and the run's compose project objects.
     */
    private boolean isTheServices(EngineInventory.Resource r) {
        boolean project = stack.compose().project().equals(r.labels().get(GateLabels.COMPOSE_PROJECT));
        boolean service = r.kind().equals("container") && (stack.identity().named(r.name())
                || stack.service().equals(r.labels().get(GateLabels.COMPOSE_SERVICE))
                || r.labels().getOrDefault(GateLabels.ROLE, "").startsWith("stale"));
        return project || service;
    }
}
