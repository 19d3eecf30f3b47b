package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.docker.ContainerIdentity;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.BackendWatch;
import dev.orchestrator.gate.scenario.ServiceContainer;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AC-15 (advisory): the deprecated reboot endpoint leaves no second backend process or container, keeps the
 * port and does not restart the backend. The watch lasts until every process the endpoint started inside the
 * container (the server's descendants, and what it detached to the container's init) has ended (bounded by watch-max) and at least the minimum window: the real endpoint's script waits
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
        if (!ServiceContainer.notExactlyOne(stack).isEmpty() || api.health().statusCode() != 200) {
            return Outcome.notRun("the stack is not back to one healthy container of the platform after AC-14: "
                    + String.join("; ", ServiceContainer.notExactlyOne(stack)));
        }
        ContainerSnapshot before = ServiceContainer.snapshot(stack);
        BackendWatch watch = new BackendWatch(stack, before);
        Set<String> servers = ContainerIdentity.serverPrograms(before);
        Set<Long> serverPids = before.processes().stream().filter(p -> servers.contains(p.program())).map(ContainerSnapshot.Proc::pid).collect(Collectors.toSet());
        Set<Long> beforePids = before.processes().stream().map(ContainerSnapshot.Proc::pid).collect(Collectors.toSet());
        Adoption adoption = Adoption.of(before);
        Map<Long, String> started = new LinkedHashMap<>();
        Map<Long, Long> parents = new HashMap<>();
        Response r = api.reboot();
        long start = System.nanoTime();
        boolean[] ended = {false};
        long[] damageAt = {0};
        long[] goneSince = {0};
        Waits.until("the reboot endpoint's processes ended", max, POLL, () -> {
            watch.look(null);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (damageAt[0] == 0 && !watch.changes().isEmpty()) {
                damageAt[0] = System.nanoTime();
            }
            Set<Long> alive = watch.last().map(now -> {
                now.processes().forEach(p -> parents.put(p.pid(), p.ppid()));
                // in the order docker top lists them (parents first): a detached worker's own children follow it
                now.processes().stream().filter(p -> !beforePids.contains(p.pid())
                                && (descends(p.pid(), serverPids, parents) || descends(p.pid(), started.keySet(), parents) || adoption.orphanOfTheEndpoint(p)))
                        .forEach(p -> started.putIfAbsent(p.pid(), p.args()));
                return now.processes().stream().map(ContainerSnapshot.Proc::pid).filter(started::containsKey).collect(Collectors.toSet());
            }).orElse(Set.of());
            // ended only when seen so: a container that is not running (restarting after a killed backend) shows no processes at all;
            // and what the endpoint started had its last act's consequence watched (a kill shows when the start script next looks)
            boolean gone = alive.isEmpty() && watch.last().filter(now -> "running".equals(now.status())).isPresent();
            goneSince[0] = !gone ? 0 : goneSince[0] == 0 ? System.nanoTime() : goneSince[0];
            ended[0] = gone && (started.isEmpty() || System.nanoTime() - goneSince[0] >= AFTER_DAMAGE.toNanos());
            // at least the minimum window, and then: everything the endpoint started has ended; or, once damage is seen (a second
            // server, a killed backend), when it has had its time to show its consequence (the restart, up to the start script's
            // next look at its backend): the endpoint's processes end with the backend they killed, before that restart
            boolean damageShown = damageAt[0] != 0 && System.nanoTime() - damageAt[0] >= AFTER_DAMAGE.toNanos();
            return elapsed >= min.toSeconds() && (damageAt[0] == 0 ? ended[0] : damageShown);
        });
        watch.keepLast("after the watch"); // the wait's last look, a moment ago
        double watched = (System.nanoTime() - start) / 1e9;
        List<String> changes = watch.changes();
        findings.evidence("POST " + path, r.statusCode() + " " + r.asString())
                .evidence("container before and after", watch.table())
                .evidence("processes the endpoint started", started.isEmpty() ? "(none)" : started.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n")))
                .measure("watched_s", dev.orchestrator.gate.report.Rounding.tenths(watched)).measure("http_status", r.statusCode())
                .measure("processes_started", started.size());
        String did = started.isEmpty() ? "started nothing" : "started " + String.join(", ", new LinkedHashSet<>(started.values()));
        String answered = r.statusCode() / 100 == 2 ? "answered " + r.statusCode() : "answered HTTP " + r.statusCode();
        String window = String.format("watched %.0f s (%s)", watched, damageAt[0] != 0 ? "until " + AFTER_DAMAGE.toSeconds() + " s after the first damage"
                : ended[0] ? "until its processes ended" + (started.isEmpty() ? "" : " and " + AFTER_DAMAGE.toSeconds() + " s more") + ", at least " + min.toSeconds() + " s" : "its processes still ran at the " + max.toSeconds() + " s bound");
        if (!changes.isEmpty()) {
            return Outcome.failed("the deprecated reboot endpoint " + answered + " and " + did + "; then: " + String.join("; ", changes) + "; " + window);
        }
        List<String> problems = new ArrayList<>();
        if (!ended[0]) {
            problems.add("the reboot endpoint's processes were still running after " + max.toSeconds() + " s (acceptance.reboot-endpoint.watch-max): "
                    + String.join(", ", new LinkedHashSet<>(started.values())));
        }
        return Outcome.of(problems, "reboot endpoint " + answered + " and " + did + "; same container, same process set, port still held; " + window);
    }

    /**
     * A process the endpoint detached (nohup, a double fork): its parent has exited, so it is re-parented to the
     * container's init and no longer descends from the server. Counted when it is a child of the init, new, and not a
     * program the container was already running before the call (a start script's periodic {@code sleep 10} is).
     */
    record Adoption(long init, Set<String> runningBefore) {
        /** The container's init is its main process (inspect's State.Pid), as the engine reports it. */
        static Adoption of(ContainerSnapshot before) {
            return new Adoption(before.pid(), before.processes().stream().map(ContainerSnapshot.Proc::args).collect(Collectors.toSet()));
        }

        boolean orphanOfTheEndpoint(ContainerSnapshot.Proc p) {
            return init > 0 && p.ppid() == init && !runningBefore.contains(p.args());
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
