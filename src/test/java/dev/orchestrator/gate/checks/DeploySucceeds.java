package dev.orchestrator.gate.checks;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.docker.HealthLog;
import dev.orchestrator.gate.platform.Deployment;
import dev.orchestrator.gate.report.RunFigure;
import dev.orchestrator.gate.report.RunRecord;
import dev.orchestrator.gate.run.StackTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * AC-05: the platform's deploy of the release now succeeds (what the cleanup missed is still planted and
 * makes it fail, as on a real host), and every active service of the model runs, no other.
 */
public final class DeploySucceeds implements Check {

    private final StackTarget stack;
    private final boolean preDeploymentDone;
    private final Supplier<List<String>> gatesOwnHolders;

    /**
     * {@code preDeploymentDone}: the deploy's pre-deployment command already ran, as AC-02 (the cleanup set as Coolify's
     * pre-deployment command); {@code gatesOwnHolders}: removes what the gate planted when no cleanup script will (empty list otherwise).
     */
    public DeploySucceeds(StackTarget stack, boolean preDeploymentDone, Supplier<List<String>> gatesOwnHolders) {
        this.stack = stack;
        this.preDeploymentDone = preDeploymentDone;
        this.gatesOwnHolders = gatesOwnHolders;
    }

    @Override
    public Outcome check(Findings findings) {
        List<String> removed = gatesOwnHolders.get();
        if (!removed.isEmpty()) {
            findings.evidence("no cleanup script (acceptance.cleanup.script=none): the gate removed the holders it planted, by id", String.join("\n", removed));
        }
        long start = System.nanoTime();
        Deployment deploy = stack.platform().deploy(preDeploymentDone).judgeable();
        stack.markDeployStarted(start);
        stack.platform().rewrittenFile().ifPresent(file -> findings.attachText("the compose file as " + stack.platform().name() + " rewrote it for this deploy",
                "AC-05-docker-compose.yaml", "application/yaml", file));
        double took = deploy.took().toMillis() / 1000.0;
        findings.runFigure(new RunFigure.PhaseTime("deploy", took)).measure("deploy_s", took).measure("platform", stack.platform().name())
                .evidence("the " + stack.platform().name() + " deploy, step by step", deploy.commands())
                .evidence("output of the last step", deploy.tail(12));
        if (!deploy.ok()) {
            String dependency = HealthLog.dependencyNamedIn(deploy.reasonLine()).flatMap(name -> stack.engine().inspect(name)).map(inspect -> {
                String state = HealthLog.state(inspect);
                findings.evidence("the dependency the deploy waited for", state);
                HealthLog.of(inspect).ifPresent(log -> findings.evidence("its health log (last probes)", log));
                findings.evidence("its last log lines", DockerHealthWait.logsTail(inspect.getId()));
                return "; " + state + HealthLog.lastProbe(inspect).map(probe -> "; " + probe).orElse("");
            }).orElse("");
            return Outcome.failed(Problem.of(ProblemCode.DEPLOY_FAILED, String.format("the %s deploy failed after cleanup (%s): %s%s", stack.platform().name(),
                    deploy.failedStep().map(Deployment.Step::name).orElse("?"), deploy.reasonLine(), dependency)));
        }
        List<String> rows = new ArrayList<>();
        List<String> notRunning = new ArrayList<>();
        List<String> done = new ArrayList<>();
        List<RunRecord.Image> images = new ArrayList<>();
        for (String service : stack.model().services()) {
            List<Container> containers = stack.engine().serviceContainers(stack.compose().project(), service);
            for (Container c : containers) {
                rows.add(service + " | " + DockerEngine.name(c) + " | " + c.getId().substring(0, 12) + " | " + c.getImageId() + " | " + c.getState());
                images.add(new RunRecord.Image(service, c.getImageId()));
                if (!"running".equals(c.getState())) {
                    OneShot.of(stack, service, c).ifPresentOrElse(done::add, () -> notRunning.add(DockerEngine.describe(c) + OneShot.exit(stack, c)));
                }
            }
            if (containers.isEmpty()) {
                notRunning.add(service + " (no container)");
            }
        }
        findings.runFigure(new RunFigure.DeployedImages(images));
        // a service of an inactive profile (or any other) must not have been started by the deploy
        List<String> inactive = stack.engine().projectContainers(stack.compose().project()).stream()
                .filter(c -> !stack.model().services().contains(c.getLabels().getOrDefault(GateLabels.COMPOSE_SERVICE, "")))
                .map(DockerEngine::describe).toList();
        findings.evidence("containers (service | name | id | image | state)", String.join("\n", rows));
        List<Problem> problems = new ArrayList<>();
        if (!notRunning.isEmpty()) {
            problems.add(Problem.of(ProblemCode.SERVICE_NOT_RUNNING, "services not running after the deploy: " + notRunning));
        }
        if (!inactive.isEmpty()) {
            problems.add(Problem.of(ProblemCode.INACTIVE_SERVICE_STARTED, "the deploy started containers of services that are not active (a profile?): "
                    + inactive));
        }
        return Outcome.of(problems, String.format("%s deployment succeeded in %.1f s (%s); %d containers running (services %s): %s%s",
                stack.platform().name(), took, String.join(", ", deploy.steps().stream().map(Deployment.Step::name).toList()), rows.size() - done.size(),
                stack.model().services(), String.join(", ", rows.stream().filter(r -> r.endsWith("| running")).map(r -> r.split(" \\| ")[1]).toList()),
                done.isEmpty() ? "" : "; done: " + String.join("; ", done)));
    }
}
