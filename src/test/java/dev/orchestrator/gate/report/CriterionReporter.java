package dev.orchestrator.gate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.config.SecretMasker;
import org.junit.jupiter.api.TestReporter;

import java.util.Map;

/**
 * What a criterion test publishes for the report: summary, measurements, evidence. It travels as
 * JUnit report entries to {@link ReportListener}; nothing is parsed back out of logs. Everything
 * is masked before it leaves the test.
 */
public final class CriterionReporter {

    public static final String SUMMARY = "summary";
    public static final String MEASURE = "measure.";
    public static final String EVIDENCE = "evidence.";
    public static final String NOT_APPLICABLE = "not_applicable";
    /** Entry key prefix of an attachment: the value is the path of a temporary file the listener takes over. */
    public static final String ATTACHMENT = "attachment.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestReporter reporter;
    private final SecretMasker masker;

    public CriterionReporter(TestReporter reporter, SecretMasker masker) {
        this.reporter = reporter;
        this.masker = masker;
    }

    private String mask(String text) {
        return masker.mask(text);
    }

    public CriterionReporter summary(String line) {
        reporter.publishEntry(SUMMARY, mask(line));
        System.out.println("      " + mask(line));
        return this;
    }

    /** A measurement: a number, or a small object (e.g. min/median/max). */
    public CriterionReporter measure(String name, Object value) {
        try {
            reporter.publishEntry(MEASURE + name, JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("measurement " + name + " is not serialisable", e);
        }
        return this;
    }

    public CriterionReporter measures(Map<String, ?> values) {
        values.forEach(this::measure);
        return this;
    }

    public CriterionReporter evidence(String label, String text) {
        reporter.publishEntry(EVIDENCE + label, mask(text));
        return this;
    }

    /**
     * A PNG the report carries (a screenshot): written to a temporary file whose path travels as the entry,
     * so the picture never goes through the test output; the listener reads and deletes it.
     */
    public CriterionReporter attachPng(String label, String fileName, byte[] png) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("release-gate-attachment", ".png");
            java.nio.file.Files.write(file, png);
            reporter.publishEntry(Map.of(ATTACHMENT + fileName, label + "\n" + file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the screenshot " + fileName, e);
        }
        return this;
    }

    /** Marks the criterion not applicable on this target (the test then returns normally). */
    public CriterionReporter notApplicable(String why) {
        reporter.publishEntry(NOT_APPLICABLE, mask(why));
        System.out.println("      not applicable: " + mask(why));
        return this;
    }
}
