package dev.orchestrator.gate.selftest;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A matrix row's outcome as one line that does not change between runs of the same code: its verdict and exit code,
 * each selected criterion's status, and the cause of each criterion the row expects (a failure's problem codes, for
 * any other status the part of its summary the row's expectation matches), with what differs from run to run by nature
 * (numbers, container and image ids and run suffixes, generated project names, the checkout's folder) replaced.
 * Two runs of the matrix agree when their files of these lines are equal ({@code diff}).
 */
record CauseLine(String row, String text) {

    private static final List<Map.Entry<Pattern, String>> VARYING = List.of(
            Map.entry(Pattern.compile("\\b(?=[0-9a-z]*[0-9])(?=[0-9a-z]*[g-z])[0-9a-z]{24}\\b"), "<project>"),
            Map.entry(Pattern.compile("\\b[0-9a-f]{6,64}\\b"), "#"),
            // a criterion's id, an HTTP status and an exit code are what a line says, never a measure
            Map.entry(Pattern.compile("(?<!AC-)(?<!HTTP )(?<!exit )(?<![\\d.])\\d+(\\.\\d+)?"), "#"));

    /**
     * The line of a row: {@code statuses} of its selected criteria in catalogue order, {@code causes} the expected ones'
     * causes ({@link #problems} of a failure, {@link #summary} of any other status).
     */
    static CauseLine of(String row, String verdict, int exit, Map<String, String> statuses, Map<String, String> causes) {
        String judged = statuses.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        String why = causes.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(" | "));
        return new CauseLine(row, row + ": " + verdict + " exit " + exit + "; " + judged + (why.isEmpty() ? "" : "; " + why));
    }

    /** A failure's cause: its problem codes, as they are (distinct, sorted). */
    static String problems(List<String> codes) {
        return "problems " + String.join(", ", codes);
    }

    /** Any other status's cause: (the part of) its summary, what varies replaced, the checkout's folder named so. */
    static String summary(String text, String projectDir) {
        return invariant(text.replace(projectDir, "<checkout>"));
    }

    /** {@code text} with what varies between runs replaced by placeholders. */
    static String invariant(String text) {
        String out = text;
        for (Map.Entry<Pattern, String> v : VARYING) {
            out = v.getKey().matcher(out).replaceAll(v.getValue());
        }
        return out;
    }
}
