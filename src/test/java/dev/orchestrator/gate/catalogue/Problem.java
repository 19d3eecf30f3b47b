package dev.orchestrator.gate.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing the stack under test did wrong: a stable code from its criterion's vocabulary, the one line a release
 * manager reads, and what it rests on (the evidence's label, a request, a table; empty when the message says it all).
 * A failure is a set of these; its summary is rendered from them, and a waiver covers them by code.
 */
public record Problem(ProblemCode code, String message, @JsonInclude(JsonInclude.Include.NON_EMPTY) String evidence) {

    public Problem {
        message = message.replaceAll("\\s*\\n\\s*", " ").strip();
        evidence = evidence == null ? "" : evidence;
    }

    public static Problem of(ProblemCode code, String message) {
        return new Problem(code, message, "");
    }

    /** The same problem, resting on {@code evidence}. */
    public Problem restingOn(String evidence) {
        return new Problem(code, message, evidence);
    }

    /** "forbidden-request: the click also sent POST /api/orchestrator/reboot". */
    public String line() {
        return code.code() + ": " + message;
    }
}
