package dev.orchestrator.gate.api;

/** The service under test did not answer a request (refused, timed out, dropped): the stack is wrong, not the check. */
public final class ServiceUnreachable extends dev.orchestrator.gate.failure.ServiceFailure {

    public ServiceUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
