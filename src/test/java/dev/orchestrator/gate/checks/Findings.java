package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.availability.MarkedAction;
import dev.orchestrator.gate.config.SecretMasker;
import dev.orchestrator.gate.report.CriterionResult;
import dev.orchestrator.gate.report.RunFigure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a check records for the report while it runs: measurements, evidence and attachments, written
 * into its criterion's result and masked before they are kept. The summary is the outcome's.
 */
public final class Findings {

    private final CriterionResult result;
    private final SecretMasker masker;
    private final List<RunFigure> figures = new ArrayList<>();

    public Findings(CriterionResult result, SecretMasker masker) {
        this.result = result;
        this.masker = masker;
    }

    /** A measurement: a number, a flag, a short text, or a small map or list of them. */
    public Findings measure(String name, Object value) {
        synchronized (result) {
            result.measure(name, value instanceof String s ? masker.mask(s) : value);
        }
        return this;
    }

    public Findings measures(Map<String, ?> values) {
        values.forEach(this::measure);
        return this;
    }

    public Findings evidence(String label, String text) {
        synchronized (result) {
            result.evidence(new CriterionResult.Evidence(masker.mask(label), masker.mask(text == null ? "" : text)));
        }
        return this;
    }

    /** A PNG the report carries beside itself (a screenshot); the HTML embeds it. */
    public Findings attachPng(String label, String fileName, byte[] png) {
        return attach(new CriterionResult.Attachment(masker.mask(label), fileName, "image/png", png));
    }

    /** A text file the report carries beside itself (the compose file as the platform rewrote it), masked. */
    public Findings attachText(String label, String fileName, String mediaType, String text) {
        return attach(new CriterionResult.Attachment(masker.mask(label), fileName, mediaType, masker.mask(text).getBytes(StandardCharsets.UTF_8)));
    }

    private Findings attach(CriterionResult.Attachment attachment) {
        synchronized (result) {
            result.attach(attachment);
        }
        return this;
    }

    /**
     * What the availability lanes saw during this criterion's action: the report's {@code availability}, and its evidence lines,
     * read when the report is made (the record then holds every lane's look after the action, as AC-19 reads it).
     */
    public Findings availability(MarkedAction action) {
        synchronized (result) {
            result.availability(action, masker);
        }
        return this;
    }

    /** A figure of the whole run (a timing, the images that ran, a note): the judge records it in the run's report. */
    public Findings runFigure(RunFigure figure) {
        synchronized (figures) {
            figures.add(figure instanceof RunFigure.Note n ? new RunFigure.Note(masker.mask(n.line())) : figure);
        }
        return this;
    }

    /** The run's figures this check handed back, in the order it measured them. */
    public List<RunFigure> runFigures() {
        synchronized (figures) {
            return List.copyOf(figures);
        }
    }

    /** Masks a line the check builds for its outcome or the console. */
    public String mask(String text) {
        return masker.mask(text);
    }
}
