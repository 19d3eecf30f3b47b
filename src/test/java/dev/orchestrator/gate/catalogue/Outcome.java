package dev.orchestrator.gate.catalogue;


import java.util.List;

/** What a check established: its status and the one line a release manager reads. */
public record Outcome(Status status, String summary) {

    public static Outcome passed(String summary) {
        return new Outcome(Status.passed, summary);
    }

    public static Outcome failed(String summary) {
        return new Outcome(Status.failed, summary);
    }

    /** Failed with every problem in one line, or passed with {@code summary} when there is none. */
    public static Outcome of(List<String> problems, String summary) {
        return problems.isEmpty() ? passed(summary) : failed(String.join("; ", problems));
    }

    /** Cannot apply to this target or configuration (said in the headline, shown as [-]). */
    public static Outcome notApplicable(String why) {
        return new Outcome(Status.not_applicable, "not applicable: " + why);
    }

    /** Could not prove its point (a precondition is missing); never a pass. */
    public static Outcome notRun(String why) {
        return new Outcome(Status.not_run, why.startsWith("not run") ? why : "not run: " + why);
    }

    /** The check itself could not be evaluated (infrastructure, not the stack). */
    public static Outcome error(String why) {
        return new Outcome(Status.error, why.startsWith("could not be evaluated") ? why : "could not be evaluated: " + why);
    }
}
