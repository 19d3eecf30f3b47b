package dev.orchestrator.gate.checks;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.orchestrator.gate.run.StackTarget;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * AC-06's clock: the service's start_period counts from its container's own start ({@code State.StartedAt}), not
 * from the deploy (the build, the platform's stop of the old containers and {@code depends_on} waits are AC-05's
 * time). StartedAt is the engine's clock: read against the engine's now (this JVM's now plus the engine's clock offset,
 * from docker info's SystemTime), then kept on this JVM's monotonic clock, held between the deploy and now.
 */
record ServiceClock(String startedAt, long startedNanos, double startedAfterDeployS) {

    static ServiceClock of(StackTarget stack, Optional<InspectContainerResponse> inspect) {
        long deploy = stack.deployStartedNanos();
        long now = System.nanoTime();
        String startedAt = inspect.map(i -> i.getState().getStartedAt()).orElse("");
        long started;
        try {
            Instant engineNow = Instant.now().plus(stack.engine().clockOffset());
            started = now - Duration.between(Instant.parse(startedAt), engineNow).toNanos();
        } catch (RuntimeException e) {
            started = deploy; // no start recorded: the deploy's time is the closest the gate knows
        }
        started = Math.max(deploy, Math.min(now, started));
        return new ServiceClock(startedAt, started, Math.round((started - deploy) / 1e8) / 10.0);
    }

    /** What is left of {@code budget} counted from the start, at least a second. */
    Duration remaining(Duration budget) {
        Duration left = budget.minusNanos(System.nanoTime() - startedNanos);
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }
}
