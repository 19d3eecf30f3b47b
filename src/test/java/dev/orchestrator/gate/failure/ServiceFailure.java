package dev.orchestrator.gate.failure;

import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;

import java.util.List;

/**
 * What the stack under test did wrong (its HTTP answer, its WebSocket, its containers' state, the operator's script's
 * exit and effect), thrown from deep inside a check with the problems it shows: the only exception a check reports as
 * {@code failed}. Anything else thrown (the gate's own planting, the engine's API, a TLS or DNS error reaching the
 * target, the browser driver, a missing file, a wait of the gate's own machinery) is {@code error}, exit 2: a release
 * is never blocked for the gate's own fault.
 */
public class ServiceFailure extends AssertionError {

    private final transient List<Problem> problems;

    public ServiceFailure(ProblemCode code, String message) {
        this(List.of(Problem.of(code, message)), null);
    }

    public ServiceFailure(ProblemCode code, String message, Throwable cause) {
        this(List.of(Problem.of(code, message)), cause);
    }

    public ServiceFailure(List<Problem> problems, Throwable cause) {
        super(Outcome.render(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** What the stack did wrong, each with its code. */
    public List<Problem> problems() {
        return problems;
    }
}
