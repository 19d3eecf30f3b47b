package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.catalogue.Criterion;
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

    /**
     * Sets verdict, exit code, failed criteria and headline on the record.
     *
     * @param selected the criteria the user selected, prerequisites included (all of them when unrestricted)
     */
    public static void decide(RunRecord record, Set<String> selected, boolean strict, boolean interrupted) {
        boolean restricted = selected.size() < Criterion.values().length;
        List<CriterionResult> inScope = record.criteria.stream().filter(r -> selected.contains(r.id)).toList();
        List<CriterionResult> counted = inScope.stream().filter(r -> r.blocking || strict).toList();
        record.failedCriteria = record.criteria.stream()
                .filter(r -> r.status == Status.failed || r.status == Status.error).map(r -> r.id).toList();
        // a failure a waiver covers is reported failed, and does not block
        boolean failed = counted.stream().anyMatch(r -> r.status == Status.failed && r.waived == null);
        // a check that could not be evaluated is never silent, advisory or not
        boolean errored = inScope.stream().anyMatch(r -> r.status == Status.error);
        // a selected criterion that did not run without a failed prerequisite: the configuration kept it from proving its point
        boolean unproven = counted.stream().anyMatch(r -> r.status == Status.not_run);
        if (interrupted) {
            record.verdict = "interrupted";
        } else if (record.gateError != null || !record.teardownProblems.isEmpty() || errored) {
            record.verdict = "error";
        } else if (failed) {
            record.verdict = "fail";
        } else if (restricted || unproven) {
            record.verdict = "partial";
        } else {
            record.verdict = "pass";
        }
        record.exitCode = switch (record.verdict) {
            case "pass" -> 0;
            // only the user's own restriction may end green: a selected criterion that proved nothing may not
            case "partial" -> unproven ? 2 : 0;
            case "fail" -> 1;
            default -> 2;
        };
        record.headline = headline(record, inScope);
    }

    /**
     * "PASS, not proven: AC-10 (no long operation configured)"; the verdict alone when everything was proven. Waivers
     * come first ("PASS with 1 waiver: AC-11 (expires ..., owner: justification)"), and every waiver that did not
     * waive is said ("waiver for AC-11 expired on ...").
     */
    static String headline(RunRecord record, List<CriterionResult> inScope) {
        List<String> notProven = inScope.stream().filter(r -> r.status == Status.not_applicable || r.status == Status.not_run)
                .map(r -> r.id + " (" + r.summary.replaceFirst("^(not applicable|not run): ", "") + ")").toList();
        String verdict = record.verdict.toUpperCase(java.util.Locale.ROOT);
        if (record.gateError != null) {
            return verdict + ": the gate could not run: " + record.gateError;
        }
        List<String> waived = inScope.stream().filter(r -> r.status == Status.failed && r.waived != null)
                .map(r -> r.waived.line().replaceFirst("^waived: ", "")).toList();
        if (!waived.isEmpty()) {
            verdict += " with " + waived.size() + (waived.size() == 1 ? " waiver: " : " waivers: ") + String.join("; ", waived);
        }
        List<String> failed = inScope.stream().filter(r -> r.status == Status.failed && r.waived == null).map(r -> r.id).toList();
        if (!failed.isEmpty()) {
            verdict += ", failed: " + String.join(", ", failed);
        }
        // one cause for several (a tag filter that pruned two) is said once: "could not be evaluated: AC-14, AC-15 (not in the test plan: ...)"
        Map<String, List<String>> errors = new LinkedHashMap<>();
        inScope.stream().filter(r -> r.status == Status.error).forEach(r ->
                errors.computeIfAbsent(r.summary.replaceFirst("^could not be evaluated: ", ""), k -> new ArrayList<>()).add(r.id));
        if (!errors.isEmpty()) {
            verdict += "; could not be evaluated: " + errors.entrySet().stream()
                    .map(e -> String.join(", ", e.getValue()) + (e.getKey().isBlank() ? "" : " (" + e.getKey() + ")")).collect(Collectors.joining("; "));
        }
        List<String> unused = record.waivers.stream().filter(w -> !w.applied()).map(dev.orchestrator.gate.waivers.WaiverUse::line).toList();
        if (!unused.isEmpty()) {
            verdict += "; " + String.join("; ", unused);
        }
        return notProven.isEmpty() ? verdict : verdict + "; not proven: " + String.join("; ", notProven);
    }
}
