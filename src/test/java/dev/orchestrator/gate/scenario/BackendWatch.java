package dev.orchestrator.gate.scenario;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.BackendAssert;
import dev.orchestrator.gate.docker.ContainerIdentity;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.docker.HealthcheckInForce;
import dev.orchestrator.gate.run.StackTarget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches the service's backend against its identity before (the AC-12 check, also used by AC-15 and
 * AC-16): every change seen, in the order it was first seen, the new processes that are not a server
 * (probes, workers), and the moments it looked at. The listeners inside the container are read again
 * whenever new processes appeared, so a second server is told from a worker.
 */
public final class BackendWatch {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final StackTarget stack;
    private final ContainerSnapshot before;
    private final ContainerSnapshot othersSince;
    private final Optional<HealthcheckInForce> healthcheck;
    private final Set<Problem> changes = new LinkedHashSet<>();
    private final Set<String> others = new LinkedHashSet<>();
    private final List<ContainerSnapshot> moments = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private volatile ContainerSnapshot last;
    private volatile boolean lastLookMissed;

    public BackendWatch(StackTarget stack, ContainerSnapshot before) {
        this(stack, before, before);
    }

    /** As {@link #BackendWatch(StackTarget, ContainerSnapshot)}, naming the processes that are not a server new since {@code othersSince} (an earlier moment).
     * */
    public BackendWatch(StackTarget stack, ContainerSnapshot before, ContainerSnapshot othersSince) {
        this.stack = stack;
        this.before = before;
        this.othersSince = othersSince;
        this.healthcheck = stack.engine().inspect(before.id()).flatMap(HealthcheckInForce::of);
        moments.add(before);
        labels.add("before");
    }

    public ContainerSnapshot before() {
        return before;
    }

    /** One look now; {@code label} names the moment in the evidence table (null: not kept as a moment). */
    public List<Problem> look(String label) {
        List<Problem> seen = new ArrayList<>();
        Optional<ContainerSnapshot> taken = snapshotNow();
        lastLookMissed = taken.isEmpty();
        if (taken.isEmpty()) {
            seen.add(Problem.of(ProblemCode.CONTAINER_CHANGED, "container " + before.name() + " (" + before.shortId() + ") is gone"));
        } else {
            ContainerSnapshot now = taken.get();
            Set<Long> known = before.processes().stream().map(ContainerSnapshot.Proc::pid).collect(Collectors.toSet());
            if (now.processes().stream().anyMatch(p -> !known.contains(p.pid())) && before.listeners().isPresent()) {
                now = stack.engine().snapshotWithListeners(before.id());
            }
            last = now;
            try {
                BackendAssert.assertThat(now).isSameBackendAs(before, stack.port());
            } catch (BackendAssert.Changed changed) {
                seen.addAll(changed.problems());
            }
            others.addAll(ContainerIdentity.otherNewProcesses(othersSince, now, healthcheck));
            if (label != null) {
                moments.add(now);
                labels.add(label);
            }
        }
        seen.addAll(ServiceContainer.notExactlyOne(stack));
        changes.addAll(seen);
        return seen;
    }

    private Optional<ContainerSnapshot> snapshotNow() {
        try {
            return Optional.of(stack.engine().snapshot(before.id()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Looks every second for {@code length}; returns what was seen in this window (every change, first seen first). */
    public List<Problem> watch(String label, Duration length) {
        Set<Problem> seen = new LinkedHashSet<>();
        Waits.until(label, length.plusSeconds(30), POLL, c -> c.during(length), () -> {
            seen.addAll(look(null));
            return true;
        });
        seen.addAll(look(label));
        return List.copyOf(seen);
    }

    /**
     * Keeps the last look as the moment {@code label} in the evidence table, when that look found the container;
     * else looks once more. For a watch that has just looked: its end needs no second look.
     */
    public List<Problem> keepLast(String label) {
        if (last == null || lastLookMissed) {
            return look(label);
        }
        moments.add(last);
        labels.add(label);
        return List.of();
    }

    /** The last snapshot a look took (empty when the container was gone). */
    public Optional<ContainerSnapshot> last() {
        return Optional.ofNullable(last);
    }

    /** Every change seen so far, first seen first. */
    public List<Problem> changes() {
        return List.copyOf(changes);
    }

    /** New processes seen that are not a server ("worker: 812 python3 /app/worker.py"). */
    public List<String> others() {
        return List.copyOf(others);
    }

    /** The moments looked at, as a before/after table. */
    public String table() {
        return ContainerIdentity.table(moments, labels);
    }

    public int moments() {
        return moments.size();
    }
}
