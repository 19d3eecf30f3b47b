package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.browser.PageActivity;
import dev.orchestrator.gate.browser.PageEvent;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
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
 * AC-17: the chat opened as a user opens it (acceptance.ui.chat-open-selector), a message typed into the UI's chat input
 * goes out as POST /send_chat carrying that text, which answers 2xx, and the answer that follows THAT request shows in
 * the chat panel within the budget: every streamed chunk, in order, after the typed message, in an element on screen
 * (read from the DOM's text, Markdown-rendered bodies included: the real page shows each chunk as a bubble of its
 * own). The answer's text is known from the gate's own WebSocket, which receives the same broadcast; a stream that
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
            return Outcome.failed(Problem.of(ProblemCode.WS_NOT_CONNECTED, "the direct soak WebSocket is not connected, so the answer's text cannot be known: "
                    + SoakConnections.status(soak, "direct")));
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
        Optional<String> sendSelector = tab.ui().chatSendSelector();
        Optional<WebElement> send = sendSelector.flatMap(tab.browser()::visible);
        if (sendSelector.isPresent() && send.isEmpty()) {
            return Outcome.error("no visible send button " + sendSelector.get() + " on " + tab.url()
                    + ": the gate's configuration does not fit this UI (acceptance.ui.chat-send-selector)");
        }
        int before = ChatPanel.read(tab.browser(), panel, message, List.of(), 0).occurrences();
        long typedAt = System.currentTimeMillis();
        input.get().sendKeys(message);
        if (send.isPresent()) {
            send.get().click();
        } else {
            input.get().sendKeys(Keys.ENTER);
        }
        Optional<PageEvent> request = Waits.sample("the page's POST /send_chat answered", REQUEST_SEEN, Duration.ofMillis(100), () -> sendChat(typedAt),
                Optional::isPresent).last().flatMap(r -> r);
        Duration budget = tab.ui().chatBudget();
        double from = request.map(r -> ws.secondsAt(r.sentAtMillis())).orElse(ws.secondsAt(typedAt));
        Shown shown = new Shown();
        if (request.filter(r -> r.status() / 100 == 2).isPresent()) {
            Waits.until("the answer's chunks in the chat panel " + panel, budget, Duration.ofMillis(100), () -> shown.look(answer(ws, from), before));
        }
        Screenshots.take(tab, findings, "AC-17-chat.png", "the chat panel after sending '" + message + "'");
        Answer answer = answer(ws, from);
        ChatPanel read = ChatPanel.read(tab.browser(), panel, message, answer.chunks(), before);
        List<PageActivity.Request> posts = tab.browser().activity().requestsSince(typedAt).stream().filter(r -> r.method().equals("POST")).toList();
        findings.evidence("requests the UI sent", UiTab.lines(posts))
                .evidence("POST /send_chat as the page sent it", request.map(r -> r.status() + " " + r.body() + "\nsent: " + r.sent()).orElse("(not seen)"))
                .evidence("the answer to it on the gate's WebSocket, chunk by chunk", answer.chunks().isEmpty() ? "(no text)"
                        : String.join("\n", answer.chunks().stream().map(c -> "[" + c + "]").toList())
                        + (answer.complete() ? "\n(complete)" : "\n(not complete)"))
                .evidence("the chat panel " + panel + " as read (the text its elements hold, Markdown-rendered bodies included)", read.text());
        if (request.isEmpty()) {
            return Outcome.failed(Problem.of(ProblemCode.SEND_CHAT_NOT_SENT, "the UI did not send POST /send_chat for the typed message (requests sent: "
                    + (posts.isEmpty() ? "none" : posts.stream().map(r -> r.method() + " " + r.url()).toList()) + ")"));
        }
        PageEvent sent = request.get();
        if (!sent.sent().contains(message)) {
            return Outcome.failed(Problem.of(ProblemCode.SEND_CHAT_WRONG_MESSAGE, "the UI's POST /send_chat did not carry the typed message '" + message
                    + "' (it sent " + sent.sent() + ")"));
        }
        if (sent.status() / 100 != 2) {
            return Outcome.failed(Problem.of(ProblemCode.SEND_CHAT_HTTP_STATUS, "the UI's POST /send_chat for '" + message + "' answered "
                    + (sent.status() == 0 ? "nothing (network error)" : "HTTP " + sent.status()) + ": " + sent.body()));
        }
        if (shown.completeAt == null) {
            return Outcome.failed(answer.chunks().isEmpty()
                    ? Problem.of(ProblemCode.ANSWER_EMPTY, "no answer arrived within " + budget.toSeconds() + " s of sending '" + message
                            + "' (POST /send_chat answered " + sent.status() + ")")
                    : Problem.of(ProblemCode.ANSWER_NOT_SHOWN, notShown(answer, read, panel, budget)));
        }
        long first = shown.firstAt == null ? shown.completeAt : Math.min(shown.firstAt, shown.completeAt);
        double firstS = (first - typedAt) / 1000.0;
        double completeS = (shown.completeAt - typedAt) / 1000.0;
        int chunks = shown.chunks;
        findings.measure("first_text_s", hundredths(firstS)).measure("complete_s", hundredths(completeS)).measure("chunks", chunks)
                .measure("shown_in", shown.where);
        return Outcome
                .passed(String.format("typed '%s': POST /send_chat carried it and answered %d; the answer's %d chunk%s showed in order in the chat panel %s"
                        + " (in %s), the first after %.2f s, all after %.2f s (budget %d s)", message, sent.status(), chunks, chunks == 1 ? "" : "s", panel,
                String.join(", ", shown.where), firstS, completeS, budget.toSeconds()));
    }

    /** The answer that follows the request sent at {@code from} (on the gate's WebSocket clock), the long operation's result left out. */
    private Answer answer(SoakConnection ws, double from) {
        return Answer.after(ws.messages(m -> m.atSeconds() >= from), soak.soak().longOperationMessage(ws));
    }

    /** "the answer streamed (2 chunks, complete) but the chat panel body showed 1 of them: the first missing is chunk 2 ' the release...'". */
    private static String notShown(Answer answer, ChatPanel read, String panel, Duration budget) {
        int n = answer.chunks().size();
        String streamed = "the answer streamed (" + n + " chunk" + (n == 1 ? "" : "s") + (answer.complete() ? ", complete" : ", not complete") + ")";
        if (read.missing() >= 0) {
            return streamed + " but the chat panel " + panel + " showed " + (read.found() == 0 ? "none" : read.found() + " of them in order") + " within "
                    + budget.toSeconds() + " s: the first missing is chunk " + (read.missing() + 1) + " '" + answer.chunks().get(read.missing()) + "'";
        }
        if (!read.hidden().isEmpty()) {
            return streamed + " and the chat panel " + panel + " holds them, but chunk " + (read.hidden().get(0) + 1) + " '" + answer.chunks()
                    .get(read.hidden().get(0))
                    + "' is in an element that is not on screen";
        }
        return streamed + " and the chat panel " + panel + " shows it, but the stream did not complete within " + budget.toSeconds() + " s";
    }

    /** What the wait for the answer in the panel saw: when its first chunk showed, and when all of them did (the stream complete). */
    private final class Shown {
        private Long firstAt;
        private Long completeAt;
        private int chunks;
        private List<String> where = List.of();

        boolean look(Answer answer, int before) {
            if (answer.chunks().isEmpty()) {
                return false;
            }
            ChatPanel read = ChatPanel.read(tab.browser(), tab.ui().chatPanelSelector(), message, answer.chunks(), before);
            long now = System.currentTimeMillis();
            if (firstAt == null && read.found() > 0 && !read.hidden().contains(0)) {
                firstAt = now;
            }
            if (answer.complete() && read.showsAll(answer.chunks().size())) {
                completeAt = now;
                chunks = answer.chunks().size();
                where = read.where();
            }
            return completeAt != null;
        }
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
                    + " and no control to open it configured: the gate's configuration does not fit this UI (acceptance.ui.chat-input-selector, "
                    + "acceptance.ui.chat-open-selector)")));
        }
        Optional<WebElement> control = tab.browser().visible(openSelector.get());
        if (control.isEmpty()) {
            return new Opened(Optional.empty(), Optional.of(Outcome.error("no visible chat-open control " + openSelector.get() + " on " + tab.url()
                    + " (and no visible chat input " + inputSelector + "): the gate's configuration does not fit this UI (acceptance.ui.chat-open-selector)")));
        }
        String label = control.get().getText().strip();
        control.get().click();
        findings.evidence("opened the chat", "clicked " + openSelector.get() + " ('" + label + "')");
        Optional<WebElement> usable = Waits.sample("a usable chat input " + inputSelector + " after opening the chat", INPUT_OPENS, Duration.ofMillis(100),
                () -> tab.browser().visible(inputSelector).filter(WebElement::isEnabled), Optional::isPresent).last().flatMap(i -> i);
        if (usable.isEmpty()) {
            return new Opened(Optional.empty(), Optional
                    .of(Outcome.failed(Problem.of(ProblemCode.INPUT_NOT_USABLE, "clicked " + openSelector.get() + " ('" + label
                    + "'), but no usable chat input " + inputSelector + " appeared within " + INPUT_OPENS.toSeconds() + " s"
                    + tab.browser().visible(inputSelector).map(i -> " (it is there, disabled)").orElse("")))));
        }
        return new Opened(usable, Optional.empty());
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
}
