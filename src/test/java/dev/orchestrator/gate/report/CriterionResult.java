package dev.orchestrator.gate.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orchestrator.gate.availability.ActionWindow;
import dev.orchestrator.gate.availability.MarkedAction;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.config.SecretMasker;
import dev.orchestrator.gate.waivers.WaiverUse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One criterion's record while the run goes: what its check measured and showed (written through {@code Findings}), and
 * once judged, its outcome with the waiver's decision. Its fields are its own; the report reads a {@link CriterionReport}
 * of it.
 */
public final class CriterionResult {

    /** A labelled piece of evidence: command output, a before/after table, a timeline. */
    public record Evidence(String label, String text) {
    }

    /** A file the report carries beside itself (a screenshot, a rewritten compose file), named {@code file} in the report's folder; the HTML embeds pictures.
     * */
    public record Attachment(String label, String file, String mediaType, @JsonIgnore byte[] content) {
        @JsonProperty("bytes")
        public int bytes() {
            return content.length;
        }
    }

    private final Criterion criterion;
    private Outcome outcome = Outcome.notRun("not run");
    private long durationMs;
    private final Map<String, Object> measurements = new LinkedHashMap<>();
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private ActionWindow availability;
    /** The action its check ran, read when the report is made; masked with {@link #actionMasker}. */
    private MarkedAction action;
    private SecretMasker actionMasker;
    private WaiverUse waiverUse;
    private boolean reached;
    private boolean judged;

    CriterionResult(Criterion criterion) {
        this.criterion = criterion;
    }

    public Criterion criterion() {
        return criterion;
    }

    /** The adapter asked for this criterion (it was in the test plan and its turn came). */
    public synchronized void reached() {
        reached = true;
    }

    public synchronized boolean wasReached() {
        return reached;
    }

    /** A measurement: a number, a flag, a short text, or a small map or list of them. */
    public synchronized void measure(String name, Object value) {
        measurements.put(name, value);
    }

    public synchronized void evidence(Evidence item) {
        evidence.add(item);
    }

    public synchronized void attach(Attachment attachment) {
        attachments.add(attachment);
    }

    /** What each availability lane saw while this criterion's action ran. */
    public synchronized void availability(ActionWindow window) {
        availability = window;
    }

    /**
     * The action this criterion's check ran: its window and its evidence ("availability during ...") are read when the report is
     * made, when every lane's first look after the action is in the record (as AC-19 reads it), not at the action's end.
     */
    public synchronized void availability(MarkedAction marked, SecretMasker masker) {
        action = marked;
        actionMasker = masker;
    }

    /** It was judged: its outcome, how long that took, and what its waiver (if any) does to it. */
    public synchronized void judged(Outcome judgedAs, Duration took, Optional<WaiverUse> waiver) {
        outcome = judgedAs;
        durationMs = took.toMillis();
        waiverUse = waiver.orElse(null);
        judged = true;
    }

    public synchronized boolean wasJudged() {
        return judged;
    }

    public synchronized Status status() {
        return outcome.status();
    }

    public synchronized Outcome outcome() {
        return outcome;
    }

    /** What its waiver did, when it has one. */
    public synchronized Optional<WaiverUse> waiverUse() {
        return Optional.ofNullable(waiverUse);
    }

    /** The waiver that covers its failure, when one does (the failure then does not block). */
    public synchronized Optional<WaiverUse> waived() {
        return waiverUse().filter(WaiverUse::applied);
    }

    /**
     * The one line a release manager reads: the outcome's, and what its waiver did when it did not waive (the problems it
     * does not cover, or that it expired).
     */
    public synchronized String summary() {
        return waiverUse == null || waiverUse.applied() || (waiverUse.state() != WaiverUse.State.not_covered && waiverUse.state() != WaiverUse.State.expired)
                ? outcome.summary() : outcome.summary() + "; " + waiverUse.line();
    }

    /** The criterion's console line: "[gate] AC-05 passed         compose deployment succeeded ...". */
    public synchronized String consoleLine() {
        return String.format("[gate] %s %-14s %s", criterion.id(), waived().isPresent() ? "failed(waived)" : outcome.status().name(), summary());
    }

    /** What the report shows of it, as it is now. */
    public synchronized CriterionReport report() {
        ActionWindow window = availability;
        List<Evidence> all = new ArrayList<>(evidence);
        if (action != null) {
            window = action.window();
            all.add(new Evidence(actionMasker.mask("availability during " + window.action()), actionMasker.mask(String.join("\n", action.lines(window)))));
        }
        return new CriterionReport(criterion.id(), criterion.slug(), criterion.blocking(), outcome.status(), summary(), outcome.problems(), durationMs,
                new LinkedHashMap<>(measurements), List.copyOf(all), List.copyOf(attachments), window, waived().orElse(null));
    }
}
