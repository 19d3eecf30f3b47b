package dev.orchestrator.gate.scenario;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A resource made on first use and shared by the checks that need it (the reset round AC-11 and AC-12
 * judge). A failure to make it is kept too: every check that asks gets the same cause, none retries it.
 */
final class Memo<T> {

    private final Supplier<T> make;
    private T value;
    private RuntimeException runtimeFailure;
    private Error errorFailure;
    private boolean made;

    Memo(Supplier<T> make) {
        this.make = make;
    }

    synchronized T get() {
        if (!made) {
            made = true;
            try {
                value = make.get();
            } catch (RuntimeException e) {
                runtimeFailure = e;
            } catch (Error e) {
                errorFailure = e;
            }
        }
        if (runtimeFailure != null) {
            throw runtimeFailure;
        }
        if (errorFailure != null) {
            throw errorFailure;
        }
        return value;
    }

    /** The value, if it was made without failure; never makes it. */
    synchronized Optional<T> ifMade() {
        return made && runtimeFailure == null && errorFailure == null ? Optional.ofNullable(value) : Optional.empty();
    }
}
