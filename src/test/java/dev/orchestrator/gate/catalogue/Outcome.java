package dev.orchestrator.gate.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What a check established: its status, the one line a release manager reads, and, when it failed, the problems the
 * line is rendered from (never the other way round). A failure without a problem does not exist.
 */
public record Outcome(Status status, String summary, List<Problem> problems) {

    public Outcome {
        problems = List.copyOf(problems);
        if (status == Status.failed && problems.isEmpty()) {
            throw new IllegalArgumentException("a failed outcome needs at least one problem: " + summary);
        }
        if (status != Status.failed && !problems.isEmpty()) {
            throw new IllegalArgumentException("only a failed outcome has problems (" + status + "): " + problems);
        }
    }

    public static Outcome passed(String summary) {
        return new Outcome(Status.passed, summary, List.of());
    }

    /** Failed with {@code problems}, the summary their messages (one identical message said once, counted). */
    public static Outcome failed(List<Problem> problems) {
        return new Outcome(Status.failed, render(problems), problems);
    }

    public static Outcome failed(Problem... problems) {
        return failed(List.of(problems));
    }

    /** Failed with {@code problems}, said after what was done ("clicked 'Reboot': ..."). */
    public static Outcome failed(String context, List<Problem> problems) {
        return new Outcome(Status.failed, context + ": " + render(problems), problems);
    }

    /** Failed with every problem, or passed with {@code summary} when there is none. */
    public static Outcome of(List<Problem> problems, String summary) {
        return problems.isEmpty() ? passed(summary) : failed(problems);
    }

    /** Cannot apply to this target or configuration (said in the headline, shown as [-]). */
    public static Outcome notApplicable(String why) {
        return new Outcome(Status.not_applicable, "not applicable: " + why, List.of());
    }

    /** Could not prove its point (a precondition is missing); never a pass. */
    public static Outcome notRun(String why) {
        return new Outcome(Status.not_run, why.startsWith("not run") ? why : "not run: " + why, List.of());
    }

    /** The check itself could not be evaluated (infrastructure, not the stack). */
    public static Outcome error(String why) {
        return new Outcome(Status.error, why.startsWith("could not be evaluated") ? why : "could not be evaluated: " + why, List.of());
    }

    /** The same outcome with every line passed through {@code mask} (secrets, by value). */
    public Outcome masked(UnaryOperator<String> mask) {
        return new Outcome(status, mask.apply(summary), problems.stream()
                .map(p -> new Problem(p.code(), mask.apply(p.message()), mask.apply(p.evidence()))).toList());
    }

    /** The messages of {@code problems} in one line: "a; b (x2); c". */
    public static String render(List<Problem> problems) {
        Map<String, Integer> counted = new LinkedHashMap<>();
        problems.forEach(p -> counted.merge(p.message(), 1, Integer::sum));
        return counted.entrySet().stream().map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " (x" + e.getValue() + ")")
                .collect(Collectors.joining("; "));
    }
}
