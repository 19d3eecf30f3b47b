package dev.orchestrator.gate.api;

import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.failure.ServiceFailure;

/** The service under test did not answer a request (refused, timed out, dropped): the stack is wrong, not the check. */
public final class ServiceUnreachable extends ServiceFailure {

    public ServiceUnreachable(String message, Throwable cause) {
        super(ProblemCode.UNREACHABLE, message, cause);
    }
}
