package dev.orchestrator.gate.checks;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.availability.HealthLane;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.HealthcheckInForce;
import dev.orchestrator.gate.platform.Deployment;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.ScriptCreations;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.OneHealthyHolder;
import dev.orchestrator.gate.scenario.ServiceContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AC-18: after the reboot phase, the platform deploys the same application again, exactly as AC-05 did, and it
 * ends with exactly one container of the service, the platform's (its labels and compose project), healthy and
 * holding the port; nothing the platform does not manage holds the port or the service's name. This is the field
 * failure itself: a reboot that recreated the service outside the platform's project leaves a container the next
 * deploy cannot remove, and that deploy fails on the port.
 */
public final class RedeployAfterReboot implements Check {

    private final GateRun gate;
    private final StackTarget stack;

    public RedeployAfterReboot(GateRun gate, StackTarget stack) {
        this.gate = gate;
        this.stack = stack;
    }

    @Override
    public Outcome check(Findings findings) {
        Deployment deploy = stack.platform().deploy().judgeable();
        String platform = stack.platform().name();
        findings.measure("deploy_s", deploy.took().toMillis() / 1000.0)
                .evidence("the " + platform + " redeploy, step by step", deploy.commands())
                .evidence("output of the last step", deploy.tail(12));
        if (!deploy.ok()) {
            return Outcome.failed(Problem.of(ProblemCode.REDEPLOY_FAILED, "the next " + platform + " deploy after the reboot failed ("
                    + deploy.failedStep().map(Deployment.Step::name).orElse("?") + ": " + deploy.reasonLine() + "): blocked by " + String
                    .join("; ", blockers())));
        }
        HealthLane probe = gate.availability().application(); // GET /health every 100 ms, for the whole run
        Optional<HealthcheckInForce> healthcheck = stack.serviceContainers().stream().findFirst()
                .flatMap(c -> stack.engine().inspect(c.getId())).flatMap(HealthcheckInForce::of);
        OneHealthyHolder.Judgement back = OneHealthyHolder.platformsOwn(stack, this::named)
                .await("the redeployed " + stack.service() + " healthy", HealthPasses.budget(gate, healthcheck), probe, c -> c);
        List<Problem> problems = back.problems();
        findings.evidence("containers of the service after", String
                .join("\n", ServiceContainer.anywhere(stack).stream().map(ServiceContainer::provenance).toList()));
        if (!problems.isEmpty()) {
            return Outcome.failed("the next " + platform + " deploy after the reboot succeeded, but", problems);
        }
        return Outcome
                .passed(String
                .format("the next %s deploy after the reboot succeeded in %.1f s: %s, healthy, holds port %d; nothing else holds the port or the name",
                platform, deploy.took().toMillis() / 1000.0, ServiceContainer.provenance(back.container().orElseThrow()), stack.port()));
    }

    /** What holds the port or the service's name that the platform does not manage, named with its project, labels and the script that made it. */
    private List<String> blockers() {
        List<Container> holders = new ArrayList<>(stack.engine().publishersOf(stack.port()));
        ServiceContainer.anywhere(stack).stream().filter(c -> holders.stream().noneMatch(h -> h.getId().equals(c.getId()))).forEach(holders::add);
        List<String> named = holders.stream().filter(c -> !stack.platform().manages(c)).map(this::named).toList();
        return named.isEmpty() ? List.of("nothing the platform does not manage (see the output)") : named;
    }

    private String named(Container c) {
        String by = stack.scriptCreations().all().stream().filter(x -> x.kind().equals("container") && x.id().equals(c.getId()))
                .map(ScriptCreations.Creation::by).findFirst().orElse("not created during this run by a script the gate ran");
        return ServiceContainer.provenance(c) + ", created by " + by;
    }
}
