package dev.orchestrator.gate.judge;

import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.checks.Check;
import dev.orchestrator.gate.checks.Checks;
import dev.orchestrator.gate.checks.Findings;
import dev.orchestrator.gate.report.CriterionResult;
import dev.orchestrator.gate.report.ReportFinisher;
import dev.orchestrator.gate.report.RunRecord;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.scenario.Fixtures;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Judges the criteria of one run in catalogue order, as the JUnit adapter asks: whether each may run (the
 * gate could start, it is selected, its prerequisites passed), then its check, in its phase (the phase's
 * fixtures are made on first use and closed when the next phase begins). The outcome goes into the report;
 * {@link CriterionVerdict} turns it into what JUnit is told. At the end it tears down, and the report is
 * written with the verdict computed over the whole catalogue.
 */
public final class Judge {

    private final RunRecord record;
    private final Optional<GateRun> gate;
    private final Optional<Fixtures> fixtures;
    private final boolean strict;
    private Criterion.Phase phase;
    private long phaseStartNanos;

    private Judge(RunRecord record, Optional<GateRun> gate, boolean strict) {
        this.record = record;
        this.gate = gate;
        this.fixtures = gate.map(Fixtures::new);
        this.strict = strict;
    }

    /** A judge for a run that started. */
    static Judge of(RunRecord record, GateRun gate) {
        record.waiveWith(gate.waivers());
        return new Judge(record, Optional.of(gate), gate.settings().strict());
    }

    /** A judge for a run the gate refused (record.gateError says why): every criterion is not run. */
    static Judge refused(RunRecord record) {
        return new Judge(record, Optional.empty(), false);
    }

    public RunRecord record() {
        return record;
    }

    /** Judges {@code criterion} and returns what JUnit is told; the report holds the outcome. */
    public CriterionVerdict criterion(Criterion criterion) {
        CriterionResult result = record.result(criterion);
        result.reached();
        long start = System.nanoTime();
        Outcome outcome = inItsVocabulary(criterion, reasonNotToRun(criterion).map(Outcome::notRun).orElseGet(() -> run(criterion, result)))
                .masked(record.masker()::mask);
        result.judged(outcome, Duration.ofNanos(System.nanoTime() - start), record.waivers().use(criterion.id(), outcome));
        if (!(outcome.status() == Status.not_run && gate.filter(g -> !g.selects(criterion)).isPresent())) { // the unselected are said in the report only
            System.out.println(result.consoleLine());
        }
        return CriterionVerdict.of(criterion, result, strict);
    }

    /**
     * The outcome as judged, when every problem it names is in its criterion's vocabulary (the catalogue's); a problem the
     * catalogue does not list for it is the gate's own fault (a check raising what no waiver, doc or CI consumer knows): error.
     */
    static Outcome inItsVocabulary(Criterion criterion, Outcome outcome) {
        List<String> unlisted = outcome.problems().stream().filter(p -> !criterion.problemCodes().contains(p.code()))
                .map(p -> p.code().code() + " (" + p.message() + ")").distinct().toList();
        return unlisted.isEmpty() ? outcome : Outcome.error("the check raised a problem code the catalogue does not list for " + criterion.id() + ": "
                + String.join("; ", unlisted));
    }

    private Optional<String> reasonNotToRun(Criterion criterion) {
        if (gate.isEmpty()) {
            return Optional.of("the gate could not run");
        }
        if (!gate.get().selects(criterion)) {
            return Optional.of("not selected (acceptance.criteria=" + gate.get().settings().criteria() + ")");
        }
        if (gate.get().interrupted()) { // its teardown is under way: a criterion begun now would act on a stack being removed
            return Optional.of("interrupted before it began");
        }
        for (String id : criterion.requires()) {
            Status status = record.result(Criterion.byId(id).orElseThrow()).status();
            if (status != Status.passed && status != Status.not_applicable) {
                return Optional.of(id + (status == Status.not_run ? " did not run" : " " + status.name()));
            }
        }
        return Optional.empty();
    }

    private Outcome run(Criterion criterion, CriterionResult result) {
        enter(criterion.phase());
        Findings findings = new Findings(result, record.masker());
        Availability availability = gate.orElseThrow().availability();
        Optional<Availability.Mark> action = criterion.disturbance().map(what -> availability.begin(criterion.id(), what));
        Outcome outcome;
        try {
            Check check = Checks.of(criterion, gate.orElseThrow(), fixtures.orElseThrow());
            outcome = check.check(findings);
        } catch (Throwable t) {
            outcome = CriterionVerdict.outcomeOf(t, findings);
        } finally {
            synchronized (record) { // the one writer of the run's figures: what the check measured, whatever its outcome
                findings.runFigures().forEach(f -> f.recordIn(record));
            }
        }
        // an action that did not happen (not applicable, not run) is not marked
        if (action.isPresent() && outcome.status() != Status.not_applicable && outcome.status() != Status.not_run) {
            findings.availability(availability.end(action.get()));
        }
        return outcome;
    }

    /** Before a criterion of {@code next}: the earlier phase's time is recorded and its fixtures closed. */
    private void enter(Criterion.Phase next) {
        if (next == phase) {
            return;
        }
        endPhase();
        if (next != Criterion.Phase.PORT_SCENARIO) {
            gate.orElseThrow().availability().start(); // from the first deploy that stays (AC-05 begins it) or the first phase after the port scenario
        }
        fixtures.orElseThrow().beginPhase(next);
        phase = next;
        phaseStartNanos = System.nanoTime();
    }

    private void endPhase() {
        if (phase != null) {
            record.phase(phase.title(), (System.nanoTime() - phaseStartNanos) / 1e9);
        }
    }

    /**
     * After the last criterion: closes the phases' fixtures, tears down what the run created, writes the report
     * with the verdict over the catalogue, and returns the run's exit code (the report's; 2 when none was written).
     */
    public int finish() {
        endPhase();
        try {
            fixtures.ifPresent(Fixtures::close);
        } catch (RuntimeException e) {
            record.note("closing the soak window and the browser failed: " + e.getMessage());
        }
        gate.ifPresent(GateRun::close);
        gate.flatMap(g -> g.availability().report()).ifPresent(record::availability);
        ReportFinisher.finish(record);
        return record.exitCodeOfTheRun();
    }
}
