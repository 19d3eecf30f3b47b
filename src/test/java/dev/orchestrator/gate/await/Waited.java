package dev.orchestrator.gate.await;

import java.time.Duration;
import java.util.Optional;

/**
 * What a bounded wait saw: whether its condition was met, the last value it sampled (the one that met it, or the last
 * before the time ran out or a fail-fast state was reached; absent when it never sampled), and how long it waited.
 */
public record Waited<T>(boolean met, Optional<T> last, Duration took) {

    /** The last value sampled; throws when the wait ended before its first sample. */
    public T lastOrThrow() {
        return last.orElseThrow(() -> new IllegalStateException("the wait ended before its first look"));
    }
}
