package dev.orchestrator.gate.failure;

import org.opentest4j.MultipleFailuresError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed check into the one line a release manager reads: the descriptions the checks gave
 * their facts (AssertJ's {@code as(...)}), each once; the raw assertion text goes to evidence.
 */
public final class FailureSummary {

    /** AssertJ puts the description first, in brackets, before "expected ... but was ...". */
    private static final Pattern DESCRIPTION = Pattern.compile("^\\s*\\[(.+?)\\]\\s*(\\n|$)", Pattern.DOTALL);
    private static final Pattern STACK_LINE = Pattern.compile("(?m)^\\s*at [\\w.$]+\\([\\w.]+:\\d+\\)\\s*$");

    private FailureSummary() {
    }

    /** One line: the failed facts' descriptions, identical ones counted ("reset answered HTTP 500 (x5)"). */
    public static String summarize(Throwable t) {
        List<String> facts = new ArrayList<>();
        if (t instanceof MultipleFailuresError multiple) {
            multiple.getFailures().forEach(f -> facts.add(fact(f.getMessage())));
        } else {
            facts.add(fact(t.getMessage()));
        }
        Map<String, Integer> counted = new LinkedHashMap<>();
        facts.stream().filter(f -> !f.isBlank()).forEach(f -> counted.merge(f, 1, Integer::sum));
        if (counted.isEmpty()) {
            return t.getClass().getSimpleName();
        }
        List<String> lines = new ArrayList<>();
        counted.forEach((fact, n) -> lines.add(n == 1 ? fact : fact + " (x" + n + ")"));
        return String.join("; ", lines);
    }

    /** The raw text of the failure, for evidence (without AssertJ's "at X.java:12" lines). */
    public static String details(Throwable t) {
        String text = t instanceof MultipleFailuresError multiple
                ? String.join("\n", multiple.getFailures().stream().map(Throwable::getMessage).toList())
                : String.valueOf(t.getMessage());
        return STACK_LINE.matcher(text).replaceAll("").strip();
    }

    static String fact(String message) {
        if (message == null) {
            return "";
        }
        Matcher m = DESCRIPTION.matcher(message);
        String line = m.find() ? m.group(1) : STACK_LINE.matcher(message).replaceAll("").strip().split("\n", 2)[0];
        return line.replaceAll("\\s+", " ").strip();
    }
}
