package dev.orchestrator.gate.acceptance;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.EngineInventory;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.docker.HostPortHolder;
import dev.orchestrator.gate.docker.HostPorts;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;
import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.run.AcceptancePhase;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.stack.ComposeFailure;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Phase 2: the port 9403 scenario of the field report, from stale holders to a clean deploy. */
@AcceptancePhase
@Order(2)
@DisplayName("Port scenario (AC-01..AC-05)")
class PortScenarioIT {

    private static final String NOT_IN_LIVE = "live mode never plants, cleans or deploys";
    /** AC-03: how long a port the cleanup script freed may take to be released (a killed holder's exit). */
    private static final Duration PORT_SETTLE = Duration.ofSeconds(3);

    private final Map<String, String> bystanders = new LinkedHashMap<>();
    private String coolifyNetwork;
    private CommandResult cleanup;
    private EngineInventory beforeCleanup;

    @Test
    @Order(1)
    @Tag("AC-01")
    @DisplayName("AC-01 a stale deploy blocks port 9403 (three holders reproduced)")
    void staleDeployBlocks(GateRun gate, CriterionReporter report) {
        Optional<StackTarget> target = LiveMode.stack(gate, report, NOT_IN_LIVE);
        if (target.isEmpty()) {
            return;
        }
        StackTarget stack = target.get();
        int port = gate.port();
        String suffix = gate.runId().substring(gate.runId().length() - 6);
        List<String> lines = new ArrayList<>();
        SoftAssertions softly = new SoftAssertions();

        String staleName = "orchestrator-" + suffix + "-" + gate.runId().substring(0, 14);
        org.testcontainers.containers.GenericContainer<?> stale;
        try {
            stale = stack.planted().runningContainer(staleName, "stale-deploy", stack.hostIp(), port, null);
        } catch (RuntimeException e) {
            report.summary("no stale holder could be planted: " + e.getMessage());
            throw new AssertionError("the stale port holders could not be planted (" + e.getMessage()
                    + "): the hazard is not reproduced on this host, so its fix cannot be credited", e);
        }
        String holderA = "container " + staleName + " (" + stale.getContainerId().substring(0, 12) + ")";
        expectBlocked(stack, softly, lines, "a) earlier deploy's container", holderA, ComposeFailure.PORT_ALLOCATED, report);
        stack.engine().client().stopContainerCmd(stale.getContainerId()).withTimeout(2).exec(); // a stopped stale deploy, as after a failed redeploy

        if (stack.hostProbesNotApplicable().isPresent()) {
            lines.add("b) host process not applicable: " + stack.hostProbesNotApplicable().get());
        } else {
            HostPortHolder process = stack.planted().hostListener(port);
            awaitListening(port, process);
            report.evidence("b) host process command line", HostPorts.commandLine(process.pid()));
            expectBlocked(stack, softly, lines, "b) host process", "python3 pid " + process.pid(), ComposeFailure.ADDRESS_IN_USE, report);
        }

        String stopped = stack.planted().stoppedContainer(stack.containerName(), "stale-name");
        String holderC = "stopped container " + stack.containerName() + " (" + stopped.substring(0, 12) + ")";
        expectBlocked(stack, softly, lines, "c) stopped container with the service's container_name", holderC, ComposeFailure.NAME_CONFLICT, report);

        report.summary("stale holders block the deploy: " + String.join("; ", lines));
        softly.assertAll();
    }

    /** One look at the port: the bind probe and the listener table (when host probes apply) and the containers publishing it. */
    private record PortProbe(Optional<Boolean> probed, Optional<List<HostPorts.Listener>> listeners, List<Container> publishers) {
        static PortProbe take(StackTarget stack, int port, Optional<String> hostProbesNa) {
            return new PortProbe(hostProbesNa.isPresent() ? Optional.empty() : Optional.of(HostPorts.bindable(port)),
                    hostProbesNa.isPresent() ? Optional.empty() : HostPorts.listeners(port), stack.engine().publishersOf(port));
        }

        boolean free() {
            return probed.orElse(true) && listeners.map(List::isEmpty).orElse(true) && publishers.isEmpty();
        }
    }

    private void expectBlocked(StackTarget stack, SoftAssertions softly, List<String> lines, String what, String holder,
                               ComposeFailure expected, CriterionReporter report) {
        CommandResult up = stack.compose().run(GateRun.COMPOSE_UP_TIMEOUT, "up", "-d", "--pull", "never", "--no-build");
        Optional<ComposeFailure> why = ComposeFailure.classify(up.output());
        String reason = ComposeFailure.reasonLine(up.output());
        report.evidence(what, "holder: " + holder + "\n$ docker compose up -d -> exit " + up.exitCode() + "\n" + up.tail(6));
        lines.add(what.substring(0, 2) + " " + (up.ok() ? "up SUCCEEDED despite " + holder
                : why.map(ComposeFailure::meaning).orElse("unrecognised reason") + ": " + holder));
        softly.assertThat(up.ok())
                .as("%s planted (%s), yet 'docker compose up' succeeded: the hazard is not reproduced on this host, so a fix cannot be credited", what, holder)
                .isFalse();
        softly.assertThat(why).as("%s: compose failed for another reason than expected (%s): %s", what, expected.meaning(), reason)
                .contains(expected);
        // clear this attempt's half-created container of the service so the next holder is the only cause; its
        // dependencies (the database) keep running, so the next attempt does not wait for them again
        stack.compose().run(GateRun.COMPOSE_DOWN_TIMEOUT, "rm", "--stop", "--force", stack.service());
    }

    private static void awaitListening(int port, HostPortHolder process) {
        org.awaitility.Awaitility.await("planted host process listening on " + port)
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .failFast("the planted python3 process exited", () -> !process.alive())
                .until(() -> !HostPorts.bindable(port));
    }

    @Test
    @Order(2)
    @Tag("AC-02")
    @DisplayName("AC-02 the cleanup script runs without errors")
    void cleanupRuns(GateRun gate, CriterionReporter report) {
        Optional<StackTarget> target = LiveMode.stack(gate, report, NOT_IN_LIVE);
        if (target.isEmpty()) {
            return;
        }
        StackTarget stack = target.get();
        String id = gate.runId();
        bystanders.put("unrelated running container", stack.planted().runningContainer("ogate-bystander-" + id, "bystander", null, null, null).getContainerId());
        bystanders.put("unused unrelated network", stack.planted().network("ogate-bystander-net-" + id, "bystander"));
        bystanders.put("unrelated volume", stack.planted().volume("ogate-bystander-vol-" + id, "bystander"));
        coolifyNetwork = stack.model().externalNetworks().stream().findFirst().orElse(null);
        if (coolifyNetwork != null) {
            bystanders.put("proxy on the external network '" + coolifyNetwork + "'",
                    stack.planted().runningContainer("ogate-coolify-proxy-" + id, "coolify-proxy", null, null, coolifyNetwork).getContainerId());
        }
        Path script = gate.settings().cleanupScript()
                .orElseThrow(() -> new AssertionError("no cleanup script configured (acceptance.cleanup.script): the port scenario cannot be cleaned"));
        Duration limit = gate.settings().cleanupTimeout();
        Map<String, String> env = new LinkedHashMap<>(stack.compose().scriptEnvironment());
        beforeCleanup = EngineInventory.take(stack.engine());
        cleanup = Commands.run(limit, List.of(script.toString()), env, gate.settings().projectDir());
        report.measure("exit_code", cleanup.exitCode()).measure("duration_s", cleanup.duration().toMillis() / 1000.0)
                .evidence("command", script + " (with " + String.join(", ", env.keySet()) + ")")
                .evidence("output (last 20 lines)", cleanup.tail(20))
                .summary(cleanup.describe());
        assertThat(cleanup.timedOut()).as("cleanup script %s did not finish within %d s; its process group was killed", script, limit.toSeconds()).isFalse();
        assertThat(cleanup.exitCode()).as("cleanup script %s exited %d; last lines:%n%s", script, cleanup.exitCode(), cleanup.tail(5)).isZero();
    }

    @Test
    @Order(3)
    @Tag("AC-03")
    @DisplayName("AC-03 port 9403 is free after cleanup")
    void portFreed(GateRun gate, CriterionReporter report) {
        Optional<StackTarget> target = LiveMode.stack(gate, report, NOT_IN_LIVE);
        if (target.isEmpty()) {
            return;
        }
        StackTarget stack = target.get();
        assumeCleanupRan();
        int port = gate.port();
        Optional<String> hostProbesNa = stack.hostProbesNotApplicable();
        // a holder the script killed with SIGKILL is gone a moment after the script exits: the port is
        // judged once it is free, or with the last probe when it stays busy for the whole settle time
        PortProbe[] last = {PortProbe.take(stack, port, hostProbesNa)};
        long probing = System.nanoTime();
        try {
            await("port " + port + " free after the cleanup script").atMost(PORT_SETTLE).pollInterval(Duration.ofMillis(100))
                    .until(() -> (last[0] = PortProbe.take(stack, port, hostProbesNa)).free());
        } catch (ConditionTimeoutException e) {
            // judged below with the last probe
        }
        report.measure("probed_for_ms", (System.nanoTime() - probing) / 1_000_000);
        Optional<Boolean> probed = last[0].probed();
        boolean bindable = probed.orElse(true);
        Optional<List<HostPorts.Listener>> listeners = last[0].listeners();
        List<Container> publishers = last[0].publishers();
        String table = hostProbesNa.map(why -> "not applicable: " + why).orElseGet(() -> listeners
                .map(l -> l.isEmpty() ? "no listener" : String.join("\n", l.stream().map(HostPorts.Listener::describe).toList()))
                .orElse("not applicable: ss is not available on this host"));
        probed.ifPresent(ok -> report.measure("bind_probe_ok", ok));
        listeners.ifPresent(l -> report.measure("listeners", l.size()));
        report.evidence("bind probe 0.0.0.0:" + port, hostProbesNa.map(why -> "not applicable: " + why)
                        .orElse(bindable ? "bound and released" : "bind failed: address in use"))
                .evidence("listener table (ss -ltnp sport = :" + port + ")", table)
                .evidence("containers publishing " + port, DockerEngine.describe(publishers));
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(publishers).as("after cleanup, containers still publish port %d: %s", port, DockerEngine.describe(publishers)).isEmpty();
        softly.assertThat(bindable).as("after cleanup, port %d cannot be bound: %s", port, table).isTrue();
        listeners.ifPresent(l -> softly.assertThat(l).as("after cleanup, port %d is still held: %s", port, table).isEmpty());
        report.summary(bindable && publishers.isEmpty() && listeners.map(List::isEmpty).orElse(true)
                ? "port " + port + " free: " + hostProbesNa.map(why -> "no container publishes it (host probes not applicable: " + why + ")")
                        .orElse("bind probe ok, no listener, no container publishes it")
                : "port " + port + " still busy: " + table + "; publishers: " + DockerEngine.describe(publishers));
        softly.assertAll();
    }

    @Test
    @Order(4)
    @Tag("AC-04")
    @DisplayName("AC-04 cleanup leaves unrelated containers, networks and volumes alone")
    void cleanupScoped(GateRun gate, CriterionReporter report) {
        Optional<StackTarget> target = LiveMode.stack(gate, report, NOT_IN_LIVE);
        if (target.isEmpty()) {
            return;
        }
        StackTarget stack = target.get();
        assumeCleanupRan();
        DockerEngine engine = stack.engine();
        EngineInventory after = EngineInventory.take(engine);
        // the service's own containers, the planted stale holders and the run's compose objects are the cleanup's to remove
        List<EngineInventory.Resource> vanished = beforeCleanup.vanishedIn(after, r -> isTheServices(stack, r));
        List<String> lost = new ArrayList<>(vanished.stream().map(EngineInventory.Resource::describe).toList());
        StringBuilder table = new StringBuilder("resource | before cleanup | after cleanup\n");
        for (Map.Entry<String, String> b : bystanders.entrySet()) {
            String what = b.getKey();
            boolean wasThere = beforeCleanup.resources().stream().anyMatch(r -> r.id().equals(b.getValue()) || r.name().equals(b.getValue()));
            boolean isThere = after.resources().stream().anyMatch(r -> r.id().equals(b.getValue()) || r.name().equals(b.getValue()));
            boolean running = !what.contains("container") && !what.startsWith("proxy") || engine.inspect(b.getValue())
                    .map(c -> Boolean.TRUE.equals(c.getState().getRunning())).orElse(false);
            table.append(what).append(" | ").append(wasThere ? "present" : "ABSENT").append(" | ")
                    .append(!isThere ? "GONE" : running ? "present" : "STOPPED").append('\n');
            if (isThere && !running) {
                lost.add(what + " stopped");
            }
        }
        report.evidence("planted bystanders before/after cleanup", table.toString().strip())
                .evidence("engine inventory before cleanup (" + beforeCleanup.size() + ")", EngineInventory.describe(beforeCleanup.resources()))
                .evidence("gone after cleanup, not the service's", EngineInventory.describe(vanished))
                .measure("resources_before", beforeCleanup.size()).measure("resources_after", after.size()).measure("lost", lost.size())
                .summary(lost.isEmpty() ? "nothing but the service's resources was removed: " + beforeCleanup.size() + " resources listed before the cleanup, "
                        + bystanders.size() + " planted bystanders among them, all still there"
                        : "cleanup removed resources that are not the orchestrator's: " + String.join("; ", lost));
        if (!lost.isEmpty()) {
            throw new AssertionError("the cleanup script removed resources that are not the orchestrator's: " + String.join("; ", lost));
        }
    }

    /** The service's containers (by name), the planted stale holders, and the run's compose project objects. */
    private static boolean isTheServices(StackTarget stack, EngineInventory.Resource r) {
        boolean project = stack.compose().project().equals(r.labels().get(GateLabels.COMPOSE_PROJECT));
        boolean staleHolder = r.kind().equals("container") && (stack.namePattern().matcher(r.name()).find()
                || r.labels().getOrDefault(GateLabels.ROLE, "").startsWith("stale"));
        return project || staleHolder;
    }

    @Test
    @Order(5)
    @Tag("AC-05")
    @DisplayName("AC-05 the deployment now succeeds")
    void deploySucceeds(GateRun gate, CriterionReporter report) {
        Optional<StackTarget> target = LiveMode.stack(gate, report, NOT_IN_LIVE);
        if (target.isEmpty()) {
            return;
        }
        StackTarget stack = target.get();
        // what the cleanup missed stays planted: it must make this deploy fail, as on a real host
        Deployment.check(gate, stack, report);
    }

    /** AC-03 and AC-04 judge what the cleanup did, whatever its exit code; they need it to have run. */
    private void assumeCleanupRan() {
        org.junit.jupiter.api.Assumptions.assumeTrue(cleanup != null, "not run: AC-02 did not run the cleanup script");
    }
}
