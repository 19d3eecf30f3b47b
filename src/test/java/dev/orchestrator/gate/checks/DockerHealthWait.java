package dev.orchestrator.gate.checks;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.orchestrator.gate.await.Waited;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.HealthLog;
import dev.orchestrator.gate.docker.HealthcheckInForce;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;
import dev.orchestrator.gate.report.Rounding;
import dev.orchestrator.gate.report.RunFigure;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.SoakOpening;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** AC-06's wait for Docker's health of the service's container, with the startup timeline and the health log as evidence. */
final class DockerHealthWait {

    private static final Duration POLL = Duration.ofMillis(250);

    private final GateRun gate;
    private final StackTarget stack;
    private final SoakOpening soak;
    private final Findings findings;

    DockerHealthWait(GateRun gate, StackTarget stack, SoakOpening soak, Findings findings) {
        this.gate = gate;
        this.stack = stack;
        this.soak = soak;
        this.findings = findings;
    }

    /** Passed with the time to healthy, or failed naming Docker's last health state; the soak window may open meanwhile. */
    Optional<Outcome> await(String id, HealthcheckInForce healthcheck, Duration budget, ServiceClock clock) {
        String name = stack.containerName();
        String source = stack.model().hasHealthcheck(stack.service()) ? "compose file" : "image (HEALTHCHECK)";
        findings.evidence("healthcheck in force (from the " + source + ")", healthcheck.describe());
        if (healthcheck.startInterval().isEmpty()) {
            findings.runFigure(new RunFigure.Note("AC-06: the healthcheck has no start_interval: each start waits a full interval ("
                    + healthcheck.interval().toSeconds() + " s) before the first probe"));
        }
        long deployStart = stack.deployStartedNanos();
        Duration remaining = clock.remaining(budget);
        gate.log(String.format("waiting up to %d s for %s to turn healthy (healthcheck from the %s, budget %d s)",
                remaining.toSeconds(), name, source, budget.toSeconds()));
        Waited<InspectContainerResponse> waited = Waits.sample(name + " healthy", remaining, POLL, () -> {
            InspectContainerResponse now = stack.engine().inspect(id).orElseThrow(() -> new IllegalStateException(name + " is gone"));
            if (!healthy(now)) {
                soak.openEarlyIfReady(); // returns at once: the opening runs on its own thread
            }
            return now;
        }, DockerHealthWait::healthy, DockerHealthWait::exited);
        InspectContainerResponse last = waited.last().orElse(null);
        if (!waited.met()) {
            startup(last, deployStart, null);
            findings.evidence("last log lines of " + name, logsTail(id));
            return Optional.of(Outcome.failed(last != null && exited(last)
                    ? Problem.of(ProblemCode.EXITED_BEFORE_HEALTHY, name + " stopped before turning healthy (Docker health: " + HealthPasses.healthStatus(last)
                    + ")")
                    : Problem.of(ProblemCode.NOT_HEALTHY_IN_TIME, String.format("%s did not turn healthy within its start_period of %d s (Docker health: %s,"
                            + " healthcheck from the %s)", name, budget.toSeconds(), HealthPasses.healthStatus(last), source))));
        }
        long healthyAt = System.nanoTime();
        double seconds = (healthyAt - clock.startedNanos()) / 1e9;
        findings.runFigure(new RunFigure.TimeToHealthy(seconds));
        startup(last, deployStart, (healthyAt - deployStart) / 1e9);
        findings.measure("time_to_healthy_s", Rounding.tenths(seconds));
        return Optional.of(Outcome.passed(String.format("%s healthy %.1f s after its start (%.1f s after the deploy began; budget %d s from the start;"
                        + " healthcheck from the %s: %s); GET /health checked", name, seconds, (healthyAt - deployStart) / 1e9, budget.toSeconds(), source,
                healthcheck.describe())));
    }

    private static boolean healthy(InspectContainerResponse inspect) {
        var health = inspect.getState().getHealth();
        return health != null && "healthy".equals(health.getStatus());
    }

    /** Neither running nor restarting: it will not turn healthy by itself. */
    private static boolean exited(InspectContainerResponse inspect) {
        return !Boolean.TRUE.equals(inspect.getState().getRunning()) && !Boolean.TRUE.equals(inspect.getState().getRestarting());
    }

    private void startup(InspectContainerResponse inspect, long deployStart, Double healthyS) {
        if (inspect == null) {
            return;
        }
        Instant upAt = Instant.now().minusNanos(System.nanoTime() - deployStart);
        Map<String, Object> startup = new LinkedHashMap<>();
        startup.put("up_s", 0.0);
        startup.put("created_s", secondsSince(upAt, inspect.getCreated()));
        startup.put("started_s", secondsSince(upAt, inspect.getState().getStartedAt()));
        if (healthyS != null) {
            startup.put("healthy_s", Rounding.tenths(healthyS));
        }
        findings.measure("startup", startup);
        HealthLog.of(inspect).ifPresent(log -> findings.evidence("health log (last probes)", log));
    }

    private static double secondsSince(Instant base, String iso) {
        try {
            return Math.round(Duration.between(base, Instant.parse(iso)).toMillis() / 100.0) / 10.0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static String logsTail(String containerId) {
        CommandResult logs = Commands.run(Duration.ofSeconds(15), List.of("docker", "logs", "--tail", "20", containerId), DockerEngine.cliEnvironment(), null);
        return logs.output().strip();
    }
}
