package dev.orchestrator.gate.acceptance;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;
import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.run.AcceptancePhase;
import dev.orchestrator.gate.run.GateRun;
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
    /** Observation window after the deprecated endpoint (catalogue: at least 15 s, validated at start). */
    static final String ENDPOINT_WATCH_KEY = "acceptance.reboot-endpoint.watch";

    @Test
    @Order(1)
    @Tag("AC-14")
    @DisplayName("AC-14 the reboot script ends with one healthy container holding the port")
    void rebootScript(GateRun gate, CriterionReporter report) {
        if (LiveMode.skips(gate, report, "live mode never restarts anything")) {
            return;
        }
        var script = gate.config().script("acceptance.reboot.script");
        if (script.isEmpty()) {
            report.notApplicable("no reboot script configured (acceptance.reboot.script)");
            return;
        }
        Duration limit = gate.config().seconds("acceptance.reboot.timeout");
        DowntimeProbe probe = new DowntimeProbe(gate.port());
        Set<String> existing = gate.engine().allContainers().stream().map(Container::getId).collect(Collectors.toSet());
        probe.start();
        CommandResult run = Commands.run(limit, List.of(script.get().toString()), gate.compose().scriptEnvironment(), gate.config().projectDir());
        // whatever the script created (even outside compose) is this run's to remove at teardown
        gate.engine().allContainers().stream().filter(c -> !existing.contains(c.getId()))
                .forEach(c -> gate.planted().adopt(c.getId()));
        List<String> problems = new ArrayList<>();
        try {
            await("one healthy " + gate.service() + " container after the reboot script").atMost(HEALTHY_AFTER_REBOOT).pollInterval(Duration.ofMillis(500))
                    // the script has ended: a second container does not go away by itself
                    .failFast("not exactly one " + gate.service() + " container after the reboot script", () -> !ServiceContainer.notExactlyOne(gate).isEmpty())
                    .until(() -> {
                        problems.clear();
                        problems.addAll(ServiceContainer.notExactlyOne(gate));
                        List<Container> mine = gate.serviceContainers();
                        if (problems.isEmpty()) {
                            var inspect = gate.engine().inspect(mine.get(0).getId()).orElseThrow();
                            var health = inspect.getState().getHealth();
                            if (health != null && !"healthy".equals(health.getStatus())) {
                                problems.add(gate.containerName() + " is " + health.getStatus());
                            }
                            List<Container> publishers = gate.engine().publishersOf(gate.port());
                            if (publishers.size() != 1 || !publishers.get(0).getId().equals(mine.get(0).getId())) {
                                problems.add("port " + gate.port() + " published by " + DockerEngine.describe(publishers));
                            }
                        }
                        return problems.isEmpty();
                    });
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            if (problems.isEmpty()) {
                problems.addAll(ServiceContainer.notExactlyOne(gate));
            }
        }
        probe.stop();
        Long resetMax = gate.record().timings.resetLatencyMs == null ? null : gate.record().timings.resetLatencyMs.get("max");
        report.measure("exit_code", run.exitCode()).measure("duration_s", run.duration().toMillis() / 1000.0)
                .measure("downtime_s", probe.downtimeSeconds()).measure("reset_max_ms", resetMax == null ? -1 : resetMax)
                .evidence("output (last 15 lines)", run.tail(15))
                .evidence("containers after", DockerEngine.describe(gate.engine().containersNamed(gate.namePattern())))
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
        if (LiveMode.skips(gate, report, "live mode never calls the deprecated reboot endpoint")) {
            return;
        }
        Assumptions.assumeTrue(ServiceContainer.notExactlyOne(gate).isEmpty() && gate.api().health().statusCode() == 200,
                "not run: the stack is not back to one healthy container after AC-14");
        Duration watch = gate.config().seconds(ENDPOINT_WATCH_KEY);
        ContainerSnapshot before = ServiceContainer.snapshot(gate);
        Response r = gate.api().reboot();
        List<String> seen = new ArrayList<>();
        try {
            await("no second backend after the reboot endpoint").during(watch).atMost(watch.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
                    .failFast("the reboot endpoint changed the backend", () -> {
                        seen.clear();
                        seen.addAll(ServiceContainer.changesSince(gate, before));
                        return !seen.isEmpty();
                    }).until(() -> true);
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            // seen holds what changed
        }
        report.evidence("POST " + gate.config().string("acceptance.reboot.path"), r.statusCode() + " " + r.asString())
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
