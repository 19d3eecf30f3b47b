package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.browser.PageActivity;
import dev.orchestrator.gate.browser.PageEvent;
import dev.orchestrator.gate.scenario.SoakStart;
import dev.orchestrator.gate.scenario.UiTab;
import dev.orchestrator.gate.ws.ChatStream;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.WsEvent;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.orchestrator.gate.report.Rounding.hundredths;

/**
 * AC-17: the chat opened as a user opens it (acceptance.ui.chat-open-selector), a message typed into the UI's chat input goes out as POST /send_chat carrying that text, which
 * answers 2xx, and the answer that follows THAT request shows in the chat panel within the budget. The
 * answer's text is known from the gate's own WebSocket, which receives the same broadcast; a stream that
 * began before the request (the long operation) is not it, nor is its completion.
 */
public final class UiChat implements Check {

    private static final Duration REQUEST_SEEN = Duration.ofSeconds(10);
    /** The chat input shows (and is enabled: the real one is disabled while its WebSocket is not connected) this soon after opening it. */
    private static final Duration INPUT_OPENS = Duration.ofSeconds(5);

    private final UiTab tab;
    private final SoakStart soak;
    private final String message;

    public UiChat(UiTab tab, SoakStart soak, String message) {
        this.tab = tab;
        this.soak = soak;
        this.message = message;
    }

    @Override
    public Outcome check(Findings findings) {
        Optional<SoakConnection> direct = SoakConnections.connected(soak, "direct");
        if (direct.isEmpty()) {
            return Outcome.failed("the direct soak WebSocket is not connected, so the answer's text cannot be known: " + SoakConnections.status(soak, "direct"));
        }
        SoakConnection ws = direct.get();
        String panel = tab.ui().chatPanelSelector();
        Optional<WebElement> input = tab.browser().visible(tab.ui().chatInputSelector());
        if (input.isEmpty()) {
            Opened opened = open(findings);
            if (opened.outcome().isPresent()) {
                return opened.outcome().get();
            }
            input = opened.input();
        }
        String shownBefore = tab.browser().text(panel) + "\n" + message;
        long typedAt = System.currentTimeMillis();
        input.get().sendKeys(message);
        Optional<String> sendSelector = tab.ui().chatSendSelector();
        if (sendSelector.isPresent()) {
            Optional<WebElement> send = tab.browser().visible(sendSelector.get());
            if (send.isEmpty()) {
                return Outcome.failed("no visible send button " + sendSelector.get() + " (acceptance.ui.chat-send-selector)");
            }
            send.get().click();
        } else {
            input.get().sendKeys(Keys.ENTER);
        }
        java.util.concurrent.atomic.AtomicReference<Optional<PageEvent>> seen = new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
        Waits.until("the page's POST /send_chat answered", REQUEST_SEEN, () -> {
            seen.set(sendChat(typedAt));
            return seen.get().isPresent();
        });
        Optional<PageEvent> request = seen.get();
        Long[] firstShown = {null};
        Long[] completeShown = {null};
        Duration budget = tab.ui().chatBudget();
        double from = request.map(r -> ws.secondsAt(r.sentAtMillis())).orElse(ws.secondsAt(typedAt));
        if (request.filter(r -> r.status() / 100 == 2).isPresent()) {
            Waits.until("the answer's text in the chat panel " + panel, budget, () -> {
                Answer answer = Answer.after(ws.messages(m -> m.atSeconds() >= from), soak.soak().longOperationMessage(ws));
                if (answer.chunks().isEmpty()) {
                    return false;
                }
                String shown = tab.browser().text(panel);
                if (firstShown[0] == null && showsNew(shown, shownBefore, answer.chunks().get(0))) {
                    firstShown[0] = System.currentTimeMillis();
                }
                if (answer.complete() && showsNew(shown, shownBefore, String.join("", answer.chunks()))) {
                    completeShown[0] = System.currentTimeMillis();
                }
                return completeShown[0] != null;
            });
        }
        Screenshots.take(tab, findings, "AC-17-chat.png", "the chat panel after sending '" + message + "'");
        Answer answer = Answer.after(ws.messages(m -> m.atSeconds() >= from), soak.soak().longOperationMessage(ws));
        List<PageActivity.Request> posts = tab.browser().activity().requestsSince(typedAt).stream().filter(r -> r.method().equals("POST")).toList();
        findings.evidence("requests the UI sent", UiTab.lines(posts))
                .evidence("POST /send_chat as the page sent it", request.map(r -> r.status() + " " + r.body() + "\nsent: " + r.sent()).orElse("(not seen)"))
                .evidence("the answer to it on the gate's WebSocket", answer.chunks().isEmpty() ? "(no text)" : String.join("", answer.chunks())
                        + (answer.complete() ? " [complete]" : " [not complete]"))
                .evidence("chat panel", tab.browser().text(panel).strip());
        if (request.isEmpty()) {
            return Outcome.failed("the UI did not send POST /send_chat for the typed message (requests sent: "
                    + (posts.isEmpty() ? "none" : posts.stream().map(r -> r.method() + " " + r.url()).toList()) + ")");
        }
        PageEvent sent = request.get();
        if (!sent.sent().contains(message)) {
            return Outcome.failed("the UI's POST /send_chat did not carry the typed message '" + message + "' (it sent " + sent.sent() + ")");
        }
        if (sent.status() / 100 != 2) {
            return Outcome.failed("the UI's POST /send_chat for '" + message + "' answered " + (sent.status() == 0 ? "nothing (network error)" : "HTTP " + sent.status())
                    + ": " + sent.body());
        }
        if (completeShown[0] == null) {
            return Outcome.failed(answer.chunks().isEmpty()
                    ? "no answer arrived within " + budget.toSeconds() + " s of sending '" + message + "' (POST /send_chat answered " + sent.status() + ")"
                    : "the answer streamed (" + answer.chunks().size() + " chunks" + (answer.complete() ? ", complete" : "") + ") but the chat panel "
                    + panel + " did not show its text within " + budget.toSeconds() + " s" + (firstShown[0] == null ? "" : " (only its beginning)"));
        }
        long first = firstShown[0] == null ? completeShown[0] : Math.min(firstShown[0], completeShown[0]);
        double firstS = (first - typedAt) / 1000.0;
        double completeS = (completeShown[0] - typedAt) / 1000.0;
        findings.measure("first_text_s", hundredths(firstS)).measure("complete_s", hundredths(completeS)).measure("chunks", answer.chunks().size());
        return Outcome.passed(String.format("typed '%s': POST /send_chat carried it and answered %d; the answer's text showed in the chat panel after %.2f s,"
                + " complete after %.2f s (budget %d s)", message, sent.status(), firstS, completeS, budget.toSeconds()));
    }

    /** The chat input after opening it as a user does, or the outcome when that could not be done. */
    private record Opened(Optional<WebElement> input, Optional<Outcome> outcome) {
    }

    /**
     * Opens the chat as a user does (the real front end shows its input only after the header's PROMPT button or
     * Ctrl+K). A control or input the gate cannot find is the gate's configuration not fitting this UI: error, never
     * the service's failure; a control that is found but opens no usable input is the UI's failure.
     */
    private Opened open(Findings findings) {
        String inputSelector = tab.ui().chatInputSelector();
        Optional<String> openSelector = tab.ui().chatOpenSelector();
        if (openSelector.isEmpty()) {
            return new Opened(Optional.empty(), Optional.of(Outcome.error("no visible chat input " + inputSelector + " on " + tab.url()
                    + " and no control to open it configured: the gate's configuration does not fit this UI (acceptance.ui.chat-input-selector, acceptance.ui.chat-open-selector)")));
        }
        Optional<WebElement> control = tab.browser().visible(openSelector.get());
        if (control.isEmpty()) {
            return new Opened(Optional.empty(), Optional.of(Outcome.error("no visible chat-open control " + openSelector.get() + " on " + tab.url()
                    + " (and no visible chat input " + inputSelector + "): the gate's configuration does not fit this UI (acceptance.ui.chat-open-selector)")));
        }
        String label = control.get().getText().strip();
        control.get().click();
        findings.evidence("opened the chat", "clicked " + openSelector.get() + " ('" + label + "')");
        java.util.concurrent.atomic.AtomicReference<Optional<WebElement>> usable = new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
        Waits.until("a usable chat input " + inputSelector + " after opening the chat", INPUT_OPENS, Duration.ofMillis(100), () -> {
            usable.set(tab.browser().visible(inputSelector).filter(WebElement::isEnabled));
            return usable.get().isPresent();
        });
        if (usable.get().isEmpty()) {
            return new Opened(Optional.empty(), Optional.of(Outcome.failed("clicked " + openSelector.get() + " ('" + label + "'), but no usable chat input " + inputSelector
                    + " appeared within " + INPUT_OPENS.toSeconds() + " s" + tab.browser().visible(inputSelector).map(i -> " (it is there, disabled)").orElse(""))));
        }
        return new Opened(usable.get(), Optional.empty());
    }

    /** The page's POST /send_chat since {@code since}, with what it sent and its answer (the page recorder's). */
    private Optional<PageEvent> sendChat(long since) {
        return tab.browser().pageEvents().stream().filter(e -> e.http() && e.method().equals("POST") && e.sentAtMillis() >= since
                && UiTab.path(e.url()).map(p -> p.equals("/send_chat")).orElse(false)).findFirst();
    }

    /**
     * The answer to a request, among the messages since it was sent: the stream that begins after it (its first
     * {@code chat_typing}, or its first text), up to the first completion that is not the long operation's
     * ({@code longOperation}: the message carrying the gate's own long operation's result, if it arrived).
     */
    record Answer(List<String> chunks, boolean complete) {
        static Answer after(List<WsEvent> since, Optional<WsEvent> longOperation) {
            List<WsEvent> own = since.stream().filter(e -> longOperation.map(op -> !op.equals(e)).orElse(true)).toList();
            int start = 0;
            while (start < own.size() && !own.get(start).type().equals("chat_typing") && !ChatStream.carriesAnswerText(own.get(start))) {
                start++;
            }
            List<WsEvent> stream = own.subList(start, own.size());
            // the long operation's completion follows its result: a completion right after it is not this answer's
            List<WsEvent> completions = stream.stream().filter(ChatStream::completes)
                    .filter(c -> longOperation.map(op -> !follows(since, op, c)).orElse(true)).toList();
            List<WsEvent> upTo = completions.isEmpty() ? stream : stream.subList(0, stream.indexOf(completions.get(0)) + 1);
            List<String> chunks = upTo.stream().map(ChatStream::chunkText).filter(t -> !t.isEmpty()).toList();
            return new Answer(chunks, !completions.isEmpty());
        }

        /** True when {@code completion} is the first completion after {@code result} among {@code events}. */
        private static boolean follows(List<WsEvent> events, WsEvent result, WsEvent completion) {
            int at = events.indexOf(result);
            return at >= 0 && events.subList(at, events.size()).stream().filter(ChatStream::completes).findFirst().filter(completion::equals).isPresent();
        }
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
