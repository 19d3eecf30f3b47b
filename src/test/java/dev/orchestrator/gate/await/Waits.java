package dev.orchestrator.gate.await;

import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * The one way a check waits when the wait's end is itself a finding: a named, bounded Awaitility wait
 * that answers whether the condition came true (true) or the time ran out or a fail-fast state was
 * reached (false). What happened is then judged and reported with the rest, never thrown past the check. Every
 * condition is polled on the caller's thread ({@code pollInSameThread}).
 */
public final class Waits {

    private static final Duration DEFAULT_POLL = Duration.ofMillis(100);

    private Waits() {
    }

    /** True once {@code condition} holds, false when {@code atMost} passed first. */
    public static boolean until(String what, Duration atMost, Callable<Boolean> condition) {
        return until(what, atMost, DEFAULT_POLL, condition);
    }

    public static boolean until(String what, Duration atMost, Duration poll, Callable<Boolean> condition) {
        return until(what, atMost, poll, c -> c, condition);
    }

    /** As {@link #until}, with more of Awaitility's settings ({@code failFast}, {@code during}) applied by {@code tune}. */
    public static boolean until(String what, Duration atMost, Duration poll, UnaryOperator<ConditionFactory> tune, Callable<Boolean> condition) {
        try {
            // first looked at at once: Awaitility's default first poll comes one interval late (half a second of each 500 ms wait);
            // polled on the caller's thread: a wait that timed out leaves no poll running on that reads or writes what the check reads next
            // (each condition's own calls are bounded: HTTP, the Docker client and the browser have their timeouts)
            tune.apply(await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(poll).pollInSameThread()).until(condition);
            return true;
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            return false;
        }
    }

    /** True when {@code condition} held on every poll for {@code length} (Awaitility's {@code during}); false at the first poll it did not. */
    public static boolean holds(String what, Duration length, Duration poll, Callable<Boolean> condition) {
        return until(what, length.plusSeconds(5), poll, c -> c.during(length).failFast(what + " stopped holding", () -> !condition.call()), () -> true);
    }
}
