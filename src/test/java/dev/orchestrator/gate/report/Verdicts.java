package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.waivers.WaiverUse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Verdict, exit code and headline from the criteria, exactly as the catalogue defines them. */
public final class Verdicts {

    private Verdicts() {
    }

    /** What the run's criteria decide: the verdict (with its exit code), the criteria that failed or erred, and the one-line headline. */
    public record Decision(Verdict verdict, List<String> failedCriteria, String headline) {
    }

    /**
     * The verdict over {@code criteria} (the whole catalogue).
     *
     * @param selected the criteria the user selected, prerequisites included (all of them when unrestricted)
     */
    public static Decision decide(List<CriterionReport> criteria, List<WaiverUse> waivers, Set<String> selected, boolean strict, boolean interrupted,
                                  String gateError, List<String> teardownProblems) {
        boolean restricted = selected.size() < Criterion.values().length;
        List<CriterionReport> inScope = criteria.stream().filter(r -> selected.contains(r.id())).toList();
        List<CriterionReport> counted = inScope.stream().filter(r -> r.blocking() || strict).toList();
        List<String> failedCriteria = criteria.stream().filter(r -> r.status() == Status.failed || r.status() == Status.error).map(CriterionReport::id)
                .toList();
        // a failure a waiver covers is reported failed, and does not block
        boolean failed = counted.stream().anyMatch(r -> r.status() == Status.failed && !r.isWaived());
        // a check that could not be evaluated is never silent, advisory or not
        boolean errored = inScope.stream().anyMatch(r -> r.status() == Status.error);
        // a selected criterion that did not run without a failed prerequisite: the configuration kept it from proving its point
        boolean unproven = counted.stream().anyMatch(r -> r.status() == Status.not_run);
        Verdict verdict;
        if (interrupted) {
            verdict = Verdict.INTERRUPTED;
        } else if (gateError != null || !teardownProblems.isEmpty() || errored) {
            verdict = Verdict.ERROR;
        } else if (failed) {
            verdict = Verdict.FAIL;
        } else if (unproven) {
            // only the user's own restriction may end green: a selected criterion that proved nothing may not
            verdict = Verdict.PARTIAL_UNPROVEN;
        } else if (restricted) {
            verdict = Verdict.PARTIAL;
        } else {
            verdict = Verdict.PASS;
        }
        return new Decision(verdict, failedCriteria, headline(verdict, inScope, waivers, gateError));
    }

    /**
     * "PASS, not proven: AC-10 (no long operation configured)"; the verdict alone when everything was proven. Waivers
     * come first ("PASS with 1 waiver: AC-11 (expires ..., owner: justification)"), and every waiver that did not
     * waive is said ("waiver for AC-11 expired on ...").
     */
    static String headline(Verdict verdict, List<CriterionReport> inScope, List<WaiverUse> waivers, String gateError) {
        String line = verdict.upper();
        if (gateError != null) {
            return line + ": the gate could not run: " + gateError;
        }
        List<String> waived = inScope.stream().filter(r -> r.status() == Status.failed && r.isWaived())
                .map(r -> r.waived().line().replaceFirst("^waived: ", "") + " covering " + String.join(", ", r.problems().stream()
                        .map(p -> p.code().code()).distinct().toList())).toList();
        if (!waived.isEmpty()) {
            line += " with " + waived.size() + (waived.size() == 1 ? " waiver: " : " waivers: ") + String.join("; ", waived);
        }
        List<String> failed = inScope.stream().filter(r -> r.status() == Status.failed && !r.isWaived()).map(CriterionReport::id).toList();
        if (!failed.isEmpty()) {
            line += ", failed: " + String.join(", ", failed);
        }
        // one cause for several (a tag filter that pruned two) is said once: "could not be evaluated: AC-14, AC-15 (not in the test plan: ...)"
        Map<String, List<String>> errors = new LinkedHashMap<>();
        inScope.stream().filter(r -> r.status() == Status.error).forEach(r ->
                errors.computeIfAbsent(r.summary().replaceFirst("^could not be evaluated: ", ""), k -> new ArrayList<>()).add(r.id()));
        if (!errors.isEmpty()) {
            line += "; could not be evaluated: " + errors.entrySet().stream()
                    .map(e -> String.join(", ", e.getValue()) + (e.getKey().isBlank() ? "" : " (" + e.getKey() + ")")).collect(Collectors.joining("; "));
        }
        List<String> unused = waivers.stream().filter(w -> !w.applied()).map(WaiverUse::line).toList();
        if (!unused.isEmpty()) {
            line += "; " + String.join("; ", unused);
        }
        List<String> notProven = inScope.stream().filter(r -> r.status() == Status.not_applicable || r.status() == Status.not_run)
                .map(r -> r.id() + " (" + r.summary().replaceFirst("^(not applicable|not run): ", "") + ")").toList();
        return notProven.isEmpty() ? line : line + "; not proven: " + String.join("; ", notProven);
    }
}
