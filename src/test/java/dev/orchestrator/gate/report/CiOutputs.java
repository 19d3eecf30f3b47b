package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.config.SecretMasker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a CI shows of the run besides the report's files: on GitHub Actions, the step summary (Markdown appended to
 * {@code $GITHUB_STEP_SUMMARY}, cut to fit its 1 MiB) and annotations ({@code ::error} per failed blocking criterion,
 * {@code ::warning} per advisory failure, criterion not proven or waiver, at most 10 of each as GitHub shows them, then one
 * line counting the rest).
 */
public final class CiOutputs {

    /** GitHub refuses a step summary over 1 MiB; the gate keeps below it, with room for what the step wrote before. */
    static final int STEP_SUMMARY_LIMIT = 1024 * 1024;
    /** GitHub shows at most 10 annotations of each kind per step. */
    static final int ANNOTATIONS_SHOWN = 10;

    private CiOutputs() {
    }

    /** Publishes to the CI named by {@code env}; {@code summaryMarkdown} is the step summary's text. Nothing outside a CI. */
    static void publish(Report report, SecretMasker masker, String summaryMarkdown, Map<String, String> env, PrintStream console) {
        String file = env.get("GITHUB_STEP_SUMMARY");
        if (file != null && !file.isBlank()) {
            appendStepSummary(Path.of(file), summaryMarkdown, console);
        }
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            annotations(report, masker).forEach(console::println);
        }
    }

    static void appendStepSummary(Path file, String markdown, PrintStream console) {
        try {
            long already = Files.exists(file) ? Files.size(file) : 0;
            byte[] text = fit(markdown, STEP_SUMMARY_LIMIT - already).getBytes(StandardCharsets.UTF_8);
            Files.write(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            console.println("[gate] the GitHub step summary could not be written to " + file + ": " + e.getMessage());
        }
    }

    /** {@code markdown} cut (at a line) to at most {@code room} bytes, with a line saying so. */
    static String fit(String markdown, long room) {
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= room) {
            return markdown;
        }
        String note = "\n\n_(cut to fit GitHub's 1 MiB step summary: the whole report is in reports/latest/acceptance-report.md)_\n";
        long keep = Math.max(0, room - note.getBytes(StandardCharsets.UTF_8).length);
        StringBuilder out = new StringBuilder();
        long used = 0;
        for (String line : markdown.split("\n", -1)) {
            long size = (line + "\n").getBytes(StandardCharsets.UTF_8).length;
            if (used + size > keep) {
                break;
            }
            out.append(line).append('\n');
            used += size;
        }
        return out + note;
    }

    /** The annotation lines: errors for failed blocking criteria (and errors), warnings for advisory failures and what was not proven. */
    static List<String> annotations(Report report, SecretMasker masker) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (CriterionReport r : report.criteria()) {
            String title = r.id() + " " + r.name();
            boolean notSelected = r.summary().equals("not run: not selected");
            if (r.isWaived()) {
                continue; // said once, by its waiver's warning below
            }
            if (r.status() == Status.error || r.status() == Status.failed && r.blocking()) {
                errors.add(annotation("error", title, r.summary()));
            } else if (r.status() == Status.failed || (r.status() == Status.not_run || r.status() == Status.not_applicable) && !notSelected) {
                warnings.add(annotation("warning", title, (r.status() == Status.failed ? "advisory, does not block: " : "not proven: ") + r.summary()));
            }
        }
        // one warning per waiver: what it waived, or why it waived nothing
        report.waivers().forEach(w -> warnings.add(annotation("warning", w.criterion() + " waiver", w.line())));
        List<String> lines = new ArrayList<>();
        lines.addAll(errors.subList(0, Math.min(ANNOTATIONS_SHOWN, errors.size())));
        lines.addAll(warnings.subList(0, Math.min(ANNOTATIONS_SHOWN, warnings.size())));
        int rest = Math.max(0, errors.size() - ANNOTATIONS_SHOWN) + Math.max(0, warnings.size() - ANNOTATIONS_SHOWN);
        if (rest > 0) {
            lines.add("[gate] " + rest + " more annotation" + (rest == 1 ? "" : "s")
                    + " than GitHub shows (10 of each kind): see the step summary and the report");
        }
        return lines.stream().map(masker::mask).toList();
    }

    /** GitHub's workflow command, with its escaping of data and properties. */
    static String annotation(String level, String title, String message) {
        return "::" + level + " title=" + property(title) + "::" + data(message);
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
