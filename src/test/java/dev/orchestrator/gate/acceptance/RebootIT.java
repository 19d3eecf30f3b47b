package dev.orchestrator.gate.acceptance;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;
import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.run.AcceptancePhase;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.StackTarget;
import io.restassured.response.Response;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Phase 5: the operator's reboot script (AC-14) and the deprecated reboot endpoint (AC-15); both restart things, so they come last. */
@AcceptancePhase
@Order(5)
@DisplayName("Reboot (AC-14, AC-15)")
class RebootIT {

    private static final Duration HEALTHY_AFTER_REBOOT = Duration.ofSeconds(60);
    private static final int PROBE_EVERY_MS = 100;

    @Test
    @Order(1)
    @Tag("AC-14")
    @DisplayName("AC-14 the reboot script ends with one healthy container holding the port")
    void rebootScript(GateRun gate, CriterionReporter report) {
        Optional<StackTarget> target = LiveMode.stack(gate, report, "live mode never restarts anything");
        if (target.isEmpty()) {
            return;
        }
        StackTarget stack = target.get();
        Optional<Path> script = gate.settings().rebootScript();
        if (script.isEmpty()) {
            report.notApplicable("no reboot script configured (acceptance.reboot.script)");
            return;
        }
        Duration limit = gate.settings().rebootTimeout();
        DowntimeProbe probe = new DowntimeProbe(gate.port());
        Set<String> existing = stack.engine().allContainers().stream().map(Container::getId).collect(Collectors.toSet());
        probe.start();
        CommandResult run = Commands.run(limit, List.of(script.get().toString()), stack.compose().scriptEnvironment(), gate.settings().projectDir());
        // whatever the script created (even outside compose) is this run's to remove at teardown
        stack.engine().allContainers().stream().filter(c -> !existing.contains(c.getId()))
                .forEach(c -> stack.planted().adopt(c.getId()));
        List<String> problems = new ArrayList<>();
        try {
            await("one healthy " + stack.service() + " container after the reboot script").atMost(HEALTHY_AFTER_REBOOT).pollInterval(Duration.ofMillis(500))
                    // the script has ended: a second container does not go away by itself
                    .failFast("not exactly one " + stack.service() + " container after the reboot script", () -> !ServiceContainer.notExactlyOne(stack).isEmpty())
                    .until(() -> {
                        problems.clear();
                        problems.addAll(ServiceContainer.notExactlyOne(stack));
                        List<Container> mine = stack.serviceContainers();
                        if (problems.isEmpty()) {
                            var inspect = stack.engine().inspect(mine.get(0).getId()).orElseThrow();
                            var health = inspect.getState().getHealth();
                            if (health != null && !"healthy".equals(health.getStatus())) {
                                problems.add(stack.containerName() + " is " + health.getStatus());
                            }
                            List<Container> publishers = stack.engine().publishersOf(gate.port());
                            if (publishers.size() != 1 || !publishers.get(0).getId().equals(mine.get(0).getId())) {
                                problems.add("port " + gate.port() + " published by " + DockerEngine.describe(publishers));
                            }
                        }
                        return problems.isEmpty();
                    });
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            if (problems.isEmpty()) {
                problems.addAll(ServiceContainer.notExactlyOne(stack));
            }
        }
        probe.stop();
        Long resetMax = gate.record().timings.resetLatencyMs == null ? null : gate.record().timings.resetLatencyMs.get("max");
        report.measure("exit_code", run.exitCode()).measure("duration_s", run.duration().toMillis() / 1000.0)
                .measure("downtime_s", probe.downtimeSeconds()).measure("reset_max_ms", resetMax == null ? -1 : resetMax)
                .evidence("output (last 15 lines)", run.tail(15))
                .evidence("containers after", DockerEngine.describe(stack.engine().containersNamed(stack.namePattern())))
                .summary(String.format("%s in %.1f s, exit %d; port %d refused connections for %.1f s (probed every %d ms; slowest reset: %s ms)%s",
                        Path.of(script.get().toString()).getFileName(), run.duration().toMillis() / 1000.0, run.exitCode(), gate.port(),
                        probe.downtimeSeconds(), PROBE_EVERY_MS, resetMax == null ? "n/a" : resetMax, problems.isEmpty() ? "; one healthy container holds the port" : "; " + problems));
        assertThat(run.timedOut()).as("reboot script did not finish within %d s", limit.toSeconds()).isFalse();
        assertThat(run.exitCode()).as("reboot script exited %d: %s", run.exitCode(), run.tail(3).strip().replace('\n', ' ')).isZero();
        if (!problems.isEmpty()) {
            throw new AssertionError("after the reboot script: " + String.join("; ", problems));
        }
    }

    @Test
    @Order(2)
    @Tag("AC-15")
    @DisplayName("AC-15 the deprecated reboot endpoint leaves no second backend (advisory)")
    void rebootEndpointContained(GateRun gate, CriterionReporter report) {
        Optional<StackTarget> target = LiveMode.stack(gate, report, "live mode never calls the deprecated reboot endpoint");
        if (target.isEmpty()) {
            return;
        }
        StackTarget stack = target.get();
        Assumptions.assumeTrue(ServiceContainer.notExactlyOne(stack).isEmpty() && gate.api().health().statusCode() == 200,
                "not run: the stack is not back to one healthy container after AC-14");
        Duration watch = gate.settings().rebootEndpointWatch();
        ContainerSnapshot before = ServiceContainer.snapshot(stack);
        Response r = gate.api().reboot();
        List<String> seen = ServiceContainer.changesWithin(stack, before, "no second backend after the reboot endpoint", watch, Duration.ofMillis(500));
        report.evidence("POST " + gate.settings().endpoints().reboot(), r.statusCode() + " " + r.asString())
                .evidence("container before", before.describe())
                .measure("watched_s", watch.toSeconds()).measure("http_status", r.statusCode())
                .summary(seen.isEmpty() ? (r.statusCode() / 100 == 2 ? "reboot endpoint answered " + r.statusCode() : "reboot endpoint answered HTTP "
                        + r.statusCode() + " and started nothing") + "; same container, same process set, port still held for " + watch.toSeconds() + " s"
                        : "reboot endpoint answered " + r.statusCode() + ": " + String.join("; ", seen));
        if (!seen.isEmpty()) {
            throw new AssertionError("the deprecated reboot endpoint (advisory) answered " + r.statusCode() + " and then: " + String.join("; ", seen));
        }
    }

    /** Measures how long the port refused TCP connections while a script ran. */
    private static final class DowntimeProbe {
        private final int port;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile long refusedMs;
        private Thread thread;

        DowntimeProbe(int port) {
            this.port = port;
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    long t = System.nanoTime();
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), PROBE_EVERY_MS);
                    } catch (IOException e) {
                        refusedMs += PROBE_EVERY_MS;
                    }
                    long spent = (System.nanoTime() - t) / 1_000_000;
                    try {
                        Thread.sleep(Math.max(0, PROBE_EVERY_MS - spent)); // the probe's own sampling rate, not a wait for a condition
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "downtime-probe");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running.set(false);
            thread.interrupt();
        }

        double downtimeSeconds() {
            return refusedMs / 1000.0;
        }
    }

}
