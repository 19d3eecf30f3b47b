package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Status;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The gate's own JUnit XML ({@code junit.xml} beside the report), as GitLab's and Jenkins' test views read it: one
 * testcase per criterion, classname = the gate and its target ({@code release-gate.orchestrator}), name = id and
 * slug; failure, error or skipped with the one-line summary as message and the evidence as text; the measurements
 * as the testcase's system-out. Everything is masked like the rest of the report; long evidence is cut so a file
 * stays far below GitLab's 30 MB.
 */
final class JUnitXml {

    static final String FILE = "junit.xml";
    /** Per testcase text, at most (a run's file stays well under GitLab's 30 MB per file). */
    private static final int MAX_TEXT = 64 * 1024;

    private JUnitXml() {
    }

    static String render(Report report) {
        String classname = "release-gate." + (report.target().service().isEmpty() ? "service" : report.target().service());
        List<CriterionReport> criteria = report.criteria();
        long failures = criteria.stream().filter(r -> r.status() == Status.failed && !r.isWaived()).count();
        long errors = criteria.stream().filter(r -> r.status() == Status.error).count();
        long skipped = criteria.stream().filter(r -> r.status() == Status.not_run || r.status() == Status.not_applicable || r.isWaived()).count();
        String time = seconds(report.timings().totalS());
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            attributes(xml, Map.of("name", "release-gate", "tests", String.valueOf(criteria.size()), "failures", String.valueOf(failures),
                    "errors", String.valueOf(errors), "time", time));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", classname);
            xml.writeAttribute("tests", String.valueOf(criteria.size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", String.valueOf(errors));
            xml.writeAttribute("skipped", String.valueOf(skipped));
            xml.writeAttribute("time", time);
            xml.writeAttribute("timestamp", report.startedAt());
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            property(xml, "verdict", report.verdict().word());
            property(xml, "exit_code", String.valueOf(report.exitCode()));
            property(xml, "headline", report.headline());
            property(xml, "platform", String.valueOf(report.target().platform().getOrDefault("name", "")));
            property(xml, "git", report.suite().getOrDefault("git", ""));
            xml.writeEndElement();
            for (CriterionReport r : criteria) {
                testcase(xml, classname, r);
            }
            xml.writeCharacters("\n    ");
            xml.writeStartElement("system-out");
            xml.writeCharacters("VERDICT: " + report.headline() + " (exit code " + report.exitCode() + ")");
            xml.writeEndElement();
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit XML", e);
        }
        return out.toString();
    }

    private static void testcase(XMLStreamWriter xml, String classname, CriterionReport r) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("name", r.id() + " " + r.name());
        xml.writeAttribute("time", seconds(r.durationMs() / 1000.0));
        String problems = r.problems().stream().map(p -> p.line()).collect(Collectors.joining("\n"));
        String evidence = cut((problems.isEmpty() ? "" : "problems:\n" + problems + "\n\n")
                + r.evidence().stream().map(e -> e.label() + ":\n" + e.text()).collect(Collectors.joining("\n\n")));
        if (r.isWaived()) {
            // a failure the operator waived does not block: shown as skipped, with the waiver as its message
            element(xml, "skipped", "waived", r.waived().line() + "; the failure: " + r.summary(), evidence);
        } else {
            switch (r.status()) {
                case failed -> element(xml, "failure", r.blocking() ? "failed" : "failed (advisory, does not block the release)", r.summary(), evidence);
                case error -> element(xml, "error", "error", r.summary(), evidence);
                case not_run, not_applicable -> element(xml, "skipped", r.status().name(), r.summary(), null);
                default -> {
                }
            }
        }
        xml.writeStartElement("system-out");
        xml.writeCharacters(cut(r.summary() + "\n" + r.measurements().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"))));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String type, String message, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("type", type);
        xml.writeAttribute("message", message);
        if (text != null && !text.isEmpty()) {
            xml.writeCharacters(text);
        }
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value == null ? "" : value);
    }

    private static void attributes(XMLStreamWriter xml, Map<String, String> attributes) throws XMLStreamException {
        for (String key : new String[] {"name", "tests", "failures", "errors", "time"}) {
            xml.writeAttribute(key, attributes.get(key));
        }
    }

    private static String cut(String text) {
        // XML 1.0 cannot carry most control characters: a command's output may contain them
        String clean = text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
        return clean.length() <= MAX_TEXT ? clean : clean.substring(0, MAX_TEXT) + "\n[cut at " + MAX_TEXT / 1024
                + " KiB; the full evidence is in acceptance-report.json]";
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
