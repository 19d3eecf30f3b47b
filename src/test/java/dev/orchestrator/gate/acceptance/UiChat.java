package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.browser.PageActivity;
import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.ws.ChatStream;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.WsEvent;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.orchestrator.gate.report.Rounding.hundredths;
import static org.awaitility.Awaitility.await;

/**
 * AC-17: a message typed into the UI's chat input and sent goes out as POST /send_chat and the
 * answer's text shows in the chat panel. The answer's text is known from the gate's own WebSocket,
 * which receives the same broadcast; the panel must show it, beyond what it showed before.
 */
final class UiChat {

    private UiChat() {
    }

    static void check(UiTab tab, SoakConnection ws, String message, CriterionReporter report) {
        String panel = tab.ui().chatPanelSelector();
        WebElement input = tab.browser().visible(tab.ui().chatInputSelector())
                .orElseThrow(() -> new AssertionError("no visible chat input " + tab.ui().chatInputSelector() + " on " + tab.url() + " (acceptance.ui.chat-input-selector)"));
        String shownBefore = tab.browser().text(panel) + "\n" + message;
        double sentAt = ws.ageSeconds();
        long sentMillis = System.currentTimeMillis();
        input.sendKeys(message);
        Optional<String> sendSelector = tab.ui().chatSendSelector();
        if (sendSelector.isPresent()) {
            tab.browser().visible(sendSelector.get()).orElseThrow(() -> new AssertionError("no visible send button " + sendSelector.get()
                    + " (acceptance.ui.chat-send-selector)")).click();
        } else {
            input.sendKeys(Keys.ENTER);
        }
        Long[] firstShown = {null};
        Long[] completeShown = {null};
        Duration budget = tab.ui().chatBudget();
        try {
            await("the answer's text in the chat panel " + panel).atMost(budget).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        List<WsEvent> answer = ws.messages(m -> m.atSeconds() >= sentAt);
                        List<String> chunks = ChatStream.chunks(answer);
                        if (chunks.isEmpty()) {
                            return false;
                        }
                        String shown = tab.browser().text(panel);
                        if (firstShown[0] == null && showsNew(shown, shownBefore, chunks.get(0))) {
                            firstShown[0] = System.currentTimeMillis();
                        }
                        if (ChatStream.completion(answer).isPresent() && showsNew(shown, shownBefore, String.join("", chunks))) {
                            completeShown[0] = System.currentTimeMillis();
                        }
                        return completeShown[0] != null;
                    });
        } catch (ConditionTimeoutException e) {
            // judged below with what did arrive
        }
        tab.screenshot(report, "AC-17-chat.png", "the chat panel after sending '" + message + "'");
        List<WsEvent> answer = ws.messages(m -> m.atSeconds() >= sentAt);
        List<String> chunks = ChatStream.chunks(answer);
        List<PageActivity.Request> sent = tab.browser().activity().requestsSince(sentMillis).stream().filter(r -> r.method().equals("POST")).toList();
        report.evidence("requests the UI sent", UiTab.lines(sent))
                .evidence("answer on the gate's WebSocket", chunks.isEmpty() ? "(no text)" : String.join("", chunks)
                        + (ChatStream.completion(answer).isPresent() ? " [complete]" : " [not complete]"))
                .evidence("chat panel", tab.browser().text(panel).strip());
        Optional<PageActivity.Request> sendChat = sent.stream().filter(r -> UiTab.path(r.url()).map(p -> p.equals("/send_chat")).orElse(false)).findFirst();
        if (sendChat.isEmpty()) {
            throw new AssertionError("the UI did not send POST /send_chat for the typed message (requests sent: "
                    + (sent.isEmpty() ? "none" : sent.stream().map(r -> r.method() + " " + r.url()).toList()) + ")");
        }
        if (completeShown[0] == null) {
            throw new AssertionError(chunks.isEmpty()
                    ? "no answer arrived within " + budget.toSeconds() + " s of sending '" + message + "' (POST /send_chat answered " + sendChat.get().status() + ")"
                    : "the answer streamed (" + chunks.size() + " chunks" + (ChatStream.completion(answer).isPresent() ? ", complete" : "")
                    + ") but the chat panel " + panel + " did not show its text within " + budget.toSeconds() + " s"
                    + (firstShown[0] == null ? "" : " (only its beginning)"));
        }
        double first = (firstShown[0] - sentMillis) / 1000.0;
        double complete = (completeShown[0] - sentMillis) / 1000.0;
        report.measure("first_text_s", hundredths(first)).measure("complete_s", hundredths(complete)).measure("chunks", chunks.size())
                .summary(String.format("typed '%s': POST /send_chat answered %d; the answer's text showed in the chat panel after %.2f s, complete after %.2f s (budget %d s)",
                        message, sendChat.get().status(), first, complete, budget.toSeconds()));
    }

    /** True when {@code shown} holds {@code text} more often than the panel did before (whitespace as the page lays it out). */
    static boolean showsNew(String shown, String before, String text) {
        String needle = normalise(text);
        return !needle.isEmpty() && count(normalise(shown), needle) > count(normalise(before), needle);
    }

    private static String normalise(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
