package dev.orchestrator.gate.waivers;

import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One entry of the operator's waiver file: the problems of a criterion's known failure, accepted until a date, by an
 * owner, for a reason. It covers a failure only when it names every one of its problems: a new, different problem of
 * the same criterion is never covered.
 */
public record Waiver(String criterion, String justification, String owner, LocalDate expires, Set<ProblemCode> problems) {

    public Waiver {
        problems = Set.copyOf(problems);
    }

    /** A waiver is good through its {@code expires} day (UTC) and waives nothing after it. */
    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }

    /** The problems of a failure this waiver does not name (empty: it covers the failure). */
    public List<Problem> notCovered(List<Problem> failure) {
        return failure.stream().filter(p -> !problems.contains(p.code())).toList();
    }

    /** "AC-11 (expires 2026-12-15, ops@example.com: reset answers 500, ticket 412)": how the headline names it. */
    public String line() {
        return criterion + " (expires " + expires + ", " + owner + ": " + justification + ")";
    }
}
