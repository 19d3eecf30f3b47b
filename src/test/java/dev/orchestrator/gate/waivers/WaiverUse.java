package dev.orchestrator.gate.waivers;

import dev.orchestrator.gate.catalogue.ProblemCode;

import java.util.List;

/**
 * What one waiver did in a run (the report's {@code waivers} entries, and a waived criterion's {@code waived}): it
 * waived its criterion's failure, or the one line why it did not; {@code notCovered}: the problems of the failure it
 * does not name, "code: message".
 */
public record WaiverUse(String criterion, String justification, String owner, String expires, List<ProblemCode> problems, State state, String line,
                        List<String> notCovered) {

    /** The ways a waiver can end a run. */
    public enum State {
        /** its criterion failed, the waiver is in date and names every problem of the failure: the failure does not block */
        applied,
        /** its criterion failed after the waiver's date: it waives nothing */
        expired,
        /** its criterion failed with a problem the waiver does not name: it waives nothing, and the summary names the problem */
        not_covered,
        /** its criterion passed: the waiver can go */
        unneeded,
        /** its criterion was not judged as failed or passed (not run, not applicable, error): a waiver never changes those */
        not_applied
    }

    public WaiverUse {
        problems = List.copyOf(problems);
        notCovered = List.copyOf(notCovered);
    }

    static WaiverUse of(Waiver w, State state, String line, List<String> notCovered) {
        return new WaiverUse(w.criterion(), w.justification(), w.owner(), w.expires().toString(),
                w.problems().stream().sorted().toList(), state, line, notCovered);
    }

    public boolean applied() {
        return state == State.applied;
    }
}
