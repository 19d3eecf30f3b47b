package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.report.RunFigure;
import dev.orchestrator.gate.scenario.ResetRound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * AC-11: reset?clear_session=true answers success and session_cleared, the slowest of five within the budget,
 * and the session is gone afterwards. A session must exist first (the round opens one with a chat when the
 * database has none); when none could be made, clearing one cannot be shown.
 */
public final class ResetClearsSession implements Check {

    private final Supplier<ResetRound> resets;
    private final int budgetMs;
    public ResetClearsSession(Supplier<ResetRound> resets, int budgetMs) {
        this.resets = resets;
        this.budgetMs = budgetMs;
    }

    @Override
    public Outcome check(Findings findings) {
        ResetRound round = resets.get();
        round.sessionOpenedBy().ifPresent(answer -> findings.evidence("session created for the reset by POST /send_chat", answer));
        round.action().ifPresent(findings::availability);
        Map<String, Long> stats = round.latencyStats();
        findings.runFigure(new RunFigure.ResetLatency(stats));
        Object before = round.sessionBefore();
        Object after = round.sessionAfter();
        findings.measure("latencies_ms", round.latenciesMs()).measure("budget_ms", budgetMs).measure("latency_ms", stats)
                .measure("session_before", String.valueOf(before)).measure("session_after", String.valueOf(after))
                .evidence("responses", round.answers());
        List<Problem> problems = new ArrayList<>(round.problems());
        if (stats.get("max") > budgetMs) {
            problems.add(Problem
                    .of(ProblemCode.TOO_SLOW, String.format("slowest of %d resets took %d ms, budget %d ms", round.sent(), stats.get("max"), budgetMs)));
        }
        if (before != null && after != null) {
            problems.add(Problem.of(ProblemCode.SESSION_KEPT, String.format("orchestrator session_id after reset?clear_session=true is still '%s' (was '%s')",
                    after, before)));
        }
        if (!problems.isEmpty()) {
            return Outcome.failed(problems);
        }
        if (before == null) {
            return Outcome.notRun("no session existed before the resets and a chat did not create one, so clearing one cannot be shown");
        }
        return Outcome.passed(String.format("%d resets: latency min %d / median %d / max %d ms (budget %d ms); session %s -> %s",
                round.sent(), stats.get("min"), stats.get("median"), stats.get("max"), budgetMs, before, after));
    }
}
