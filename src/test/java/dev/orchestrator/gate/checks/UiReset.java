package dev.orchestrator.gate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.browser.PageActivity;
import dev.orchestrator.gate.browser.PageEvent;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.BackendWatch;
import dev.orchestrator.gate.scenario.ServiceContainer;
import dev.orchestrator.gate.scenario.UiTab;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AC-16: the header's reboot/reset button, clicked in the browser, sends the reset with clear_session=true
 * (seen in the browser's own network log) and nothing else that changes state; the reset answers success;
 * the page's WebSocket closes and reconnects within the budget; no console error; the button is enabled
 * again; and the backend stays the same for 5 s after the answer (the AC-12 identity check). What the page
 * displays is no proof: the real front end says "reset complete" after a failed request.
 */
public final class UiReset implements Check {

    /** Bound on the whole reset as the page runs it (the real one takes ~0.5 s; a hung page fails, never hangs the run). */
    static final Duration RESET_DONE = Duration.ofSeconds(15);
    private static final Duration PAGE_SOCKET_OPEN = Duration.ofSeconds(10);
    /** After the answer the backend is watched this long, as AC-12 does after the resets. */
    static final Duration IDENTITY_WATCH = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UiTab tab;
    private final String expected;
    private final Optional<StackTarget> stack;

    /** {@code resetPath}: the reset endpoint (its clear_session=true call is what the button must send). */
    public UiReset(UiTab tab, String resetPath, Optional<StackTarget> stack) {
        this.tab = tab;
        this.expected = resetPath + "?clear_session=true";
        this.stack = stack;
    }

    @Override
    public Outcome check(Findings findings) {
        String selector = tab.ui().resetSelector();
        if (!Waits.until("the page's WebSocket open", PAGE_SOCKET_OPEN, () -> !UiTab.openSockets(tab.browser().pageEvents()).isEmpty())) {
            return Outcome.failed(Problem.of(ProblemCode.NO_PAGE_SOCKET, "the page has no open WebSocket " + PAGE_SOCKET_OPEN.toSeconds()
                    + " s after loading, so its reconnect cannot be shown: " + UiTab
                    .lines(tab.browser().pageEvents().stream().filter(p -> p.kind().equals("ws")).toList())));
        }
        List<Long> socketsBefore = UiTab.openSockets(tab.browser().pageEvents());
        Optional<BackendWatch> watch = stack.map(s -> new BackendWatch(s, ServiceContainer.snapshot(s)));
        Optional<WebElement> found = tab.browser().visible(selector);
        if (found.isEmpty()) {
            return Outcome
                    .failed(Problem
                    .of(ProblemCode.NO_RESET_BUTTON, "no visible reset button " + selector + " on " + tab.url() + " (acceptance.ui.reset-selector)"));
        }
        WebElement button = found.get();
        String label = button.getText();
        Screenshots.take(tab, findings, "AC-16-before.png", "before the click on '" + label + "'");
        long clickAt = System.currentTimeMillis();
        button.click();
        boolean enabledAgain = Waits.until("the reset button enabled again", RESET_DONE, Duration.ofMillis(50),
                () -> tab.browser().visible(selector).map(WebElement::isEnabled).orElse(false) && System.currentTimeMillis() - clickAt > 100);
        // the page closes its socket when the reset request has answered; the reconnect is judged from that close
        Waits.until("the page's WebSocket reconnected", tab.ui().reconnectBudget().plusSeconds(2), Duration.ofMillis(50),
                () -> reconnect(tab.browser().pageEvents(), socketsBefore).reopenedAt().isPresent());
        // every call the click sent is judged with its answer: the browser reports each as an event of its own
        Waits.until("the browser's answers to what the click sent", RESET_DONE, Duration.ofMillis(50), () -> {
            List<PageActivity.Request> calls = calls(clickAt);
            return !calls.isEmpty() && calls.stream().allMatch(PageActivity.Request::done);
        });
        List<Problem> problems = new ArrayList<>(watch.map(w -> w.watch("5 s after the answer", IDENTITY_WATCH)).orElse(List.of()));
        Screenshots.take(tab, findings, "AC-16-after.png", "after the click: the page once the reset finished");
        List<PageEvent> pageEvents = tab.browser().pageEvents();
        List<PageActivity.Request> sent = calls(clickAt);
        List<PageActivity.ConsoleLine> errors = tab.browser().activity().errorsSince(clickAt);
        findings.evidence("requests the click sent (browser network log)", UiTab.lines(sent))
                .evidence("console after the click", UiTab.lines(tab.browser().activity().consoleSince(clickAt)))
                .evidence("page WebSockets", UiTab.lines(pageEvents.stream().filter(p -> p.kind().equals("ws")).toList()));
        watch.ifPresent(w -> findings.evidence("the backend before and after the click", w.table()));

        ClickRequests judged = ClickRequests.of(tab.browser().activity().requestsSince(clickAt), expected, tab.ui().readPaths(), tab.ui().forbiddenPaths());
        findings.evidence("the page's re-initialisation after the reset (reads: listed, not judged as the button's)", judged.reads().isEmpty() ? "(none)"
                : String.join("\n", judged.reads()));
        List<PageActivity.Request> resets = judged.resets();
        if (resets.isEmpty()) {
            // what it sent instead (the page's re-initialisation reads are not the button's)
            List<String> instead = judged.actions();
            problems.add(0, Problem.of(ProblemCode.RESET_NOT_SENT, "the button sent " + (instead.isEmpty() ? "no request" : String.join(", ", instead))
                    + ", not POST " + expected).restingOn("the browser's network log"));
            problems.addAll(1, judged.problems());
        } else {
            String answer = body(pageEvents, resets.get(0).url(), clickAt).orElse("");
            findings.evidence("POST " + expected, resets.get(0).status() + " " + (answer.isEmpty() ? "(answer body not seen by the page recorder)" : answer));
            List<Problem> answered = judgeAnswer(resets.get(0), answer);
            problems.addAll(0, answered);
            problems.addAll(answered.size(), judged.problems());
        }
        if (!errors.isEmpty()) {
            problems.add(Problem
                    .of(ProblemCode.CONSOLE_ERROR, "console error after the click: " + errors.stream().map(PageActivity.ConsoleLine::describe).toList()));
        }
        Reconnect reconnect = reconnect(pageEvents, socketsBefore);
        long budgetMs = tab.ui().reconnectBudget().toMillis();
        if (reconnect.closedAt().isEmpty()) {
            problems.add(Problem.of(ProblemCode.SOCKET_KEPT, "the page's WebSocket was not closed by the reset (it keeps the old session's socket)"));
        } else if (reconnect.reopenedAt().isEmpty()) {
            problems.add(Problem.of(ProblemCode.NO_RECONNECT, "the page's WebSocket closed and did not reconnect within " + budgetMs + " ms"));
        } else if (reconnect.millis() > budgetMs) {
            problems.add(Problem
                    .of(ProblemCode.NO_RECONNECT, "the page's WebSocket reconnected after " + reconnect.millis() + " ms, budget " + budgetMs + " ms"));
        }
        if (!enabledAgain) {
            problems.add(Problem.of(ProblemCode.BUTTON_STAYS_DISABLED, "the button was not enabled again within " + RESET_DONE.toSeconds() + " s"));
        }
        reconnect.millisIfDone().ifPresent(ms -> findings.measure("reconnect_ms", ms));
        findings.measure("reconnect_budget_ms", budgetMs).measure("requests_sent", sent.size()).measure("console_errors", errors.size());
        String identity = watch.map(w -> "same container " + w.before().name() + " (" + w.before().shortId() + "), pid " + w.before().pid()
                + ", watched " + IDENTITY_WATCH.toSeconds() + " s after the answer").orElse("backend identity not checked (live mode: no Docker access)");
        return problems.isEmpty()
                ? Outcome.passed(String.format("clicked '%s': POST %s answered %d success, session cleared, nothing else that changes state sent%s;"
                        + " WebSocket reconnected after %d ms (budget %d ms); no console error; %s", label, expected, resets.get(0).status(),
                        judged.readLines().isEmpty() ? "" : " (the page re-read: " + String.join(", ", judged.readLines()) + ")", reconnect.millis(), budgetMs,
                                identity))
                : Outcome.failed("clicked '" + label + "'", problems);
    }

    /** What the page sent since the click, besides loading things (GET) and CORS preflights. */
    private List<PageActivity.Request> calls(long since) {
        return tab.browser().activity().requestsSince(since).stream().filter(r -> !r.method().equals("GET") && !r.method().equals("OPTIONS")).toList();
    }

    private List<Problem> judgeAnswer(PageActivity.Request reset, String answer) {
        List<Problem> problems = new ArrayList<>();
        if (reset.status() == null || reset.status() != 200) {
            String outcome = reset.status() != null ? "answered HTTP " + reset.status()
                    : reset.error() != null ? "failed: " + reset.error() : "was sent, but the browser reported no answer within " + RESET_DONE.toSeconds()
                    + " s";
            problems.add(Problem.of(ProblemCode.RESET_HTTP_STATUS, "POST " + expected + " " + outcome + (answer.isEmpty() ? "" : ": " + answer)));
            return problems;
        }
        try {
            JsonNode json = JSON.readTree(answer);
            if (!json.path("success").asBoolean(false) || !json.path("session_cleared").asBoolean(false)) {
                problems.add(Problem.of(ProblemCode.RESET_ANSWER, "POST " + expected + " answered 200 without success and session_cleared: " + answer));
            }
        } catch (Exception e) {
            problems.add(Problem.of(ProblemCode.RESET_ANSWER, "POST " + expected + " answered 200 but not the JSON the contract gives: "
                    + (answer.isEmpty() ? "(no body seen)" : answer)));
        }
        return problems;
    }

    /** The answer body of the request to {@code url} made after {@code since}, as the page recorder saw it. */
    private static Optional<String> body(List<PageEvent> events, String url, long since) {
        return events.stream().filter(e -> e.http() && e.url().equals(url) && e.atMillis() >= since).map(PageEvent::body).findFirst();
    }

    /** When the page's socket of before the click closed and when a new one opened after that. */
    record Reconnect(Optional<Long> closedAt, Optional<Long> reopenedAt) {
        long millis() {
            return reopenedAt.orElseThrow() - closedAt.orElseThrow();
        }

        Optional<Long> millisIfDone() {
            return reopenedAt.isPresent() && closedAt.isPresent() ? Optional.of(millis()) : Optional.empty();
        }
    }

    static Reconnect reconnect(List<PageEvent> events, List<Long> socketsBefore) {
        Optional<Long> closed = events.stream().filter(e -> e.webSocket("close") && socketsBefore.contains(e.id())).map(PageEvent::atMillis).findFirst();
        Optional<Long> reopened = closed.flatMap(at -> events.stream()
                .filter(e -> e.webSocket("open") && !socketsBefore.contains(e.id()) && e.atMillis() >= at).map(PageEvent::atMillis).findFirst());
        return new Reconnect(closed, reopened);
    }
}
