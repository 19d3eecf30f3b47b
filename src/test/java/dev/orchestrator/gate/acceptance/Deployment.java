package dev.orchestrator.gate.acceptance;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.report.RunRecord;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.stack.ComposeFailure;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** AC-05: the release's deployment after the cleanup, judged by what is running afterwards. */
final class Deployment {

    private Deployment() {
    }

    /** `docker compose up -d`, then every service of the model must be running and no other. */
    static void check(GateRun gate, StackTarget stack, CriterionReporter report) {
        long start = System.nanoTime();
        CommandResult up = stack.compose().run(GateRun.COMPOSE_UP_TIMEOUT, "up", "-d", "--pull", "never", "--no-build");
        gate.record().timings.phasesS.put("compose_up", Math.round(up.duration().toMillis() / 100.0) / 10.0);
        stack.markDeployStarted(start);
        report.measure("up_s", up.duration().toMillis() / 1000.0).evidence("docker compose up -d", up.tail(12));
        assertThat(up.ok()).as("'docker compose up' failed after cleanup (%s): %s", up.describe(), ComposeFailure.reasonLine(up.output())).isTrue();
        List<String> rows = new ArrayList<>();
        List<String> notRunning = new ArrayList<>();
        gate.record().target.images.clear();
        for (String service : stack.model().services()) {
            List<Container> containers = stack.engine().serviceContainers(stack.compose().project(), service);
            for (Container c : containers) {
                rows.add(service + " | " + DockerEngine.name(c) + " | " + c.getId().substring(0, 12) + " | " + c.getImageId() + " | " + c.getState());
                gate.record().target.images.add(new RunRecord.Image(service, c.getImageId()));
                if (!"running".equals(c.getState())) {
                    notRunning.add(DockerEngine.describe(c));
                }
            }
            if (containers.isEmpty()) {
                notRunning.add(service + " (no container)");
            }
        }
        // a service of an inactive profile (or any other) must not have been started by the deploy
        List<String> inactive = stack.engine().projectContainers(stack.compose().project()).stream()
                .filter(c -> !stack.model().services().contains(c.getLabels().getOrDefault(GateLabels.COMPOSE_SERVICE, "")))
                .map(DockerEngine::describe).toList();
        report.evidence("containers (service | name | id | image | state)", String.join("\n", rows))
                .summary(String.format("docker compose up succeeded in %.1f s; %d containers %s (services %s)", up.duration().toMillis() / 1000.0, rows.size(),
                        notRunning.isEmpty() ? "running" : "but not running: " + notRunning, stack.model().services()));
        assertThat(notRunning).as("services not running after 'docker compose up': %s", notRunning).isEmpty();
        assertThat(inactive).as("'docker compose up' started containers of services that are not active (a profile?): %s", inactive).isEmpty();
    }
}
