package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.report.Rounding;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.BackendWatch;
import dev.orchestrator.gate.scenario.ServiceContainer;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AC-15 (advisory): the deprecated reboot endpoint leaves no second backend process or container, keeps the
 * port and does not restart the backend. The watch lasts until every process the endpoint started inside the
 * container (the server's descendants, and what it detached to the container's init) has ended (bounded by watch-max) and at least the minimum window: the
  * real endpoint's script waits
 * 15 s for the port before it kills what holds it, so its damage comes after a fixed window.
 */
public final class RebootEndpointContained implements Check {

    /** A look (docker top and the listener table) takes ~0.15 s: the window ends within about one look of its minimum. */
    private static final Duration POLL = Duration.ofMillis(250);
    /**
     * Once damage is seen, or once everything the endpoint started has ended, how long the consequence (the restart
     * that follows a killed backend) is still watched for.
     */
    static final Duration AFTER_DAMAGE = Duration.ofSeconds(15);

    private final StackTarget stack;
    private final OrchestratorApi api;
    private final String path;
    private final Duration min;
    private final Duration max;

    public RebootEndpointContained(StackTarget stack, OrchestratorApi api, String path, Duration min, Duration max) {
        this.stack = stack;
        this.api = api;
        this.path = path;
        this.min = min;
        this.max = max;
    }

    @Override
    public Outcome check(Findings findings) {
        List<Problem> notOne = ServiceContainer.notExactlyOne(stack);
        int health = api.health().statusCode();
        if (!notOne.isEmpty() || health != 200) {
            return Outcome.notRun("the stack is not in the state the endpoint must keep (exactly one container of the service, GET /health answering 200)"
                    + " before its call: " + (notOne.isEmpty() ? "GET /health answered HTTP " + health : Outcome.render(notOne)));
        }
        ContainerSnapshot before = ServiceContainer.snapshot(stack);
        BackendWatch watch = new BackendWatch(stack, before);
        EndpointProcesses.Called<Response> called = EndpointProcesses.around(before, stack.hostProbesNotApplicable().isEmpty(),
                () -> EndpointProcesses.executed(stack.engine(), before.id()), api::reboot);
        Response r = called.answer();
        EndpointProcesses processes = called.processes();
        Watch state = new Watch(System.nanoTime());
        Waits.until("the reboot endpoint's processes ended", max, POLL, () -> state.look(watch, processes));
        watch.keepLast("after the watch"); // the wait's last look, a moment ago
        double watched = (System.nanoTime() - state.start) / 1e9;
        List<Problem> changes = watch.changes();
        Map<Long, String> started = processes.started();
        findings.evidence("POST " + path, r.statusCode() + " " + r.asString())
                .evidence("container before and after", watch.table())
                .evidence("processes the endpoint started (" + processes.how() + ")", started.isEmpty() ? "(none)" : started.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n")))
                .measure("watched_s", Rounding.tenths(watched)).measure("http_status", r.statusCode())
                .measure("processes_started", started.size());
        String did = started.isEmpty() ? "started nothing" : "started " + String.join(", ", new LinkedHashSet<>(started.values()));
        String answered = r.statusCode() / 100 == 2 ? "answered " + r.statusCode() : "answered HTTP " + r.statusCode();
        String window = String.format("watched %.0f s (%s)", watched, state.damageAt != 0 ? "until " + AFTER_DAMAGE.toSeconds() + " s after the first damage"
                : state.ended ? "until its processes ended" + (started.isEmpty() ? "" : " and " + AFTER_DAMAGE.toSeconds() + " s more") + ", at least " + min
                .toSeconds() + " s"
                : "its processes still ran at the " + max.toSeconds() + " s bound");
        if (!changes.isEmpty()) {
            return Outcome.failed("the deprecated reboot endpoint " + answered + " and " + did + " (" + window + "); then", changes);
        }
        List<Problem> problems = new ArrayList<>();
        if (!state.ended) {
            problems.add(Problem.of(ProblemCode.PROCESSES_LINGER, "the reboot endpoint's processes were still running after " + max.toSeconds()
                    + " s (acceptance.reboot-endpoint.watch-max): " + String.join(", ", new LinkedHashSet<>(started.values()))));
        }
        return Outcome.of(problems, "reboot endpoint " + answered + " and " + did + "; same container, same process set, port still held; " + window);
    }

    /** The watch after the call: when damage was first seen, since when the call's processes are gone, and whether they ended. */
    private final class Watch {
        private final long start;
        private long damageAt;
        private long goneSince;
        private boolean ended;

        Watch(long start) {
            this.start = start;
        }

        /** One look; true when the watch may end. */
        boolean look(BackendWatch watch, EndpointProcesses processes) {
            watch.look(null);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (damageAt == 0 && !watch.changes().isEmpty()) {
                damageAt = System.nanoTime();
            }
            Set<Long> alive = watch.last().map(now -> {
                processes.look(now);
                return now.processes().stream().map(ContainerSnapshot.Proc::pid).filter(processes.started()::containsKey).collect(Collectors.toSet());
            }).orElse(Set.of());
            // ended only when seen so: a container that is not running (restarting after a killed backend) shows no processes at all;
            // and what the endpoint started had its last act's consequence watched (a kill shows when the start script next looks)
            boolean gone = alive.isEmpty() && watch.last().filter(now -> "running".equals(now.status())).isPresent();
            goneSince = !gone ? 0 : goneSince == 0 ? System.nanoTime() : goneSince;
            ended = gone && (processes.started().isEmpty() || System.nanoTime() - goneSince >= AFTER_DAMAGE.toNanos());
            // at least the minimum window, and then: everything the endpoint started has ended; or, once damage is seen (a second
            // server, a killed backend), when it has had its time to show its consequence (the restart, up to the start script's
            // next look at its backend): the endpoint's processes end with the backend they killed, before that restart
            boolean damageShown = damageAt != 0 && System.nanoTime() - damageAt >= AFTER_DAMAGE.toNanos();
            return elapsed >= min.toSeconds() && (damageAt == 0 ? ended : damageShown);
        }
    }

    /** True when {@code pid} is a descendant of one of {@code roots}, by the parents seen so far. */
    static boolean descends(long pid, Set<Long> roots, Map<Long, Long> parents) {
        Long p = parents.get(pid);
        for (int depth = 0; p != null && depth < 64; depth++) {
            if (roots.contains(p)) {
                return true;
            }
            p = parents.get(p);
        }
        return false;
    }
}
