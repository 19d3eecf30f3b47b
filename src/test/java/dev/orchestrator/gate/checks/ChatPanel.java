package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.browser.Browser;

import java.util.List;
import java.util.Map;

/**
 * AC-17's reading of the chat panel, as the page shows it: the text the DOM holds under the panel (Markdown-rendered
 * bodies included, each chunk of an answer in a bubble of its own), and how far an answer's chunks show there in order,
 * after the typed message, in elements that are on screen.
 */
record ChatPanel(String text, int found, int missing, List<String> where, List<Integer> hidden, int occurrences) {

    private static final String SCRIPT = "browser/chat-panel.js";

    /** The panel {@code selector} now, with where {@code chunks} of the answer to {@code message} show ({@code before}: the message's occurrences before it
     * was sent). */
    static ChatPanel read(Browser browser, String selector, String message, List<String> chunks, int before) {
        Map<?, ?> read = browser.script(SCRIPT, Map.class, selector, message, chunks, before);
        return new ChatPanel(String.valueOf(read.get("text")), number(read.get("found")), number(read.get("missing")),
                ((List<?>) read.get("where")).stream().map(String::valueOf).toList(),
                ((List<?>) read.get("hidden")).stream().map(ChatPanel::number).toList(), number(read.get("occurrences")));
    }

    private static int number(Object o) {
        return ((Number) o).intValue();
    }

    /** Every chunk showed, in order, on screen. */
    boolean showsAll(int chunks) {
        return chunks > 0 && found == chunks && missing < 0 && hidden.isEmpty();
    }
}
