package dev.orchestrator.gate.await;

import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * The one way a check waits when the wait's end is itself a finding: a named, bounded Awaitility wait that returns
 * what it saw ({@link Waited}: met or not, the last value sampled, how long), as Awaitility's
 * {@code until(supplier, predicate)} returns its value. The time running out, or a fail-fast state reached, is not
 * thrown past the check: it is judged and reported with the rest. Every condition is polled on the caller's thread
 * ({@code pollInSameThread}).
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
        return sample(what, atMost, poll, tune, condition, Boolean.TRUE::equals).met();
    }

    /** Samples {@code value} until {@code met} holds for it or {@code atMost} passed; returns what it saw. */
    public static <T> Waited<T> sample(String what, Duration atMost, Duration poll, Callable<T> value, Predicate<T> met) {
        return sample(what, atMost, poll, c -> c, value, met);
    }

    /** As {@link #sample(String, Duration, Duration, Callable, Predicate)}, with more of Awaitility's settings applied by {@code tune}. */
    public static <T> Waited<T> sample(String what, Duration atMost, Duration poll, UnaryOperator<ConditionFactory> tune, Callable<T> value,
                                       Predicate<T> met) {
        AtomicReference<T> last = new AtomicReference<>();
        long start = System.nanoTime();
        boolean held;
        try {
            // first looked at at once: Awaitility's default first poll comes one interval late (half a second of each 500 ms wait);
            // polled on the caller's thread: a wait that timed out leaves no poll running on that reads or writes what the check reads next
            // (each condition's own calls are bounded: HTTP, the Docker client and the browser have their timeouts)
            tune.apply(await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(poll).pollInSameThread()).until(() -> {
                T now = value.call();
                last.set(now);
                return now;
            }, met::test);
            held = true;
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            held = false;
        }
        return new Waited<>(held, Optional.ofNullable(last.get()), Duration.ofNanos(System.nanoTime() - start));
    }

    /** True when {@code condition} held on every poll for {@code length} (Awaitility's {@code during}); false at the first poll it did not. */
    public static boolean holds(String what, Duration length, Duration poll, Callable<Boolean> condition) {
        return holds(what, length, poll, condition, Boolean.TRUE::equals).met();
    }

    /**
     * Samples {@code value} until {@code met} holds for it, {@code atMost} passed, or a sample shows a terminal state
     * ({@code terminal}: Awaitility's fail-fast; the caller tells it from the last value). Returns what it saw.
     */
    public static <T> Waited<T> sample(String what, Duration atMost, Duration poll, Callable<T> value, Predicate<T> met, Predicate<T> terminal) {
        AtomicReference<T> seen = new AtomicReference<>();
        return sample(what, atMost, poll, c -> c.failFast(what + ": a terminal state", () -> seen.get() != null && terminal.test(seen.get())), () -> {
            T now = value.call();
            seen.set(now);
            return now;
        }, met);
    }

    /**
     * Samples {@code value} for {@code length}: met when {@code holds} was true of every sample (Awaitility's {@code during}); the
     * first sample it is not true of ends the wait, and is the one returned.
     */
    public static <T> Waited<T> holds(String what, Duration length, Duration poll, Callable<T> value, Predicate<T> holds) {
        AtomicReference<T> seen = new AtomicReference<>();
        return sample(what, length.plusSeconds(5), poll, c -> c.during(length).failFast(what + " stopped holding",
                () -> seen.get() != null && !holds.test(seen.get())), () -> {
                    T now = value.call();
                    seen.set(now);
                    return now;
                }, holds);
    }
}
