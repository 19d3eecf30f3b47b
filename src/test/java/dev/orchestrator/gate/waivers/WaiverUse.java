package dev.orchestrator.gate.waivers;

/**
 * What one waiver did in a run (the report's {@code waivers} entries, and a waived criterion's {@code waived}):
 * it waived its criterion's failure, or the one line why it did not.
 */
public record WaiverUse(String criterion, String justification, String owner, String expires, String summaryMatches, State state, String line) {

    /** The ways a waiver can end a run. */
    public enum State {
        /** its criterion failed, the waiver is in date and covers the failure: the failure does not block */
        applied,
        /** its criterion failed after the waiver's date: it waives nothing */
        expired,
        /** its criterion failed differently from what the waiver names: it waives nothing */
        not_matching,
        /** its criterion passed: the waiver can go */
        unneeded,
        /** its criterion was not judged as failed or passed (not run, not applicable, error): a waiver never changes those */
        not_applied
    }

    static WaiverUse of(Waiver w, State state, String line) {
        return new WaiverUse(w.criterion(), w.justification(), w.owner(), w.expires().toString(),
                w.summaryMatches().map(java.util.regex.Pattern::pattern).orElse(null), state, line);
    }

    public boolean applied() {
        return state == State.applied;
    }
}
