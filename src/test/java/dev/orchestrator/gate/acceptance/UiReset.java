package dev.orchestrator.gate.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.browser.PageActivity;
import dev.orchestrator.gate.browser.PageEvent;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.StackTarget;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * AC-16: the header's reboot/reset button, clicked in the browser, sends the reset with
 * clear_session=true (seen in the browser's own network log), which answers success; the page's
 * WebSocket closes and reconnects within the budget; no console error; the backend is untouched.
 * What the page displays is no proof: the real front end says "reset complete" after a failed request.
 */
final class UiReset {

    /** Bound on the whole reset as the page runs it (the real one takes ~0.5 s; a hung page fails, never hangs the run). */
    private static final Duration RESET_DONE = Duration.ofSeconds(15);
    private static final Duration PAGE_SOCKET_OPEN = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private UiReset() {
    }

    static void check(GateRun gate, UiTab tab, CriterionReporter report) {
        String selector = tab.ui().resetSelector();
        String expected = gate.settings().endpoints().reset() + "?clear_session=true";
        List<String> problems = new ArrayList<>();
        try {
            await("the page's WebSocket open").atMost(PAGE_SOCKET_OPEN).pollInterval(Duration.ofMillis(100))
                    .until(() -> !UiTab.openSockets(tab.browser().pageEvents()).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the page has no open WebSocket " + PAGE_SOCKET_OPEN.toSeconds() + " s after loading, so its reconnect cannot be shown: "
                    + UiTab.lines(tab.browser().pageEvents().stream().filter(p -> p.kind().equals("ws")).toList()));
        }
        List<Long> socketsBefore = UiTab.openSockets(tab.browser().pageEvents());
        Optional<StackTarget> stack = gate.stack();
        ContainerSnapshot before = stack.map(ServiceContainer::snapshot).orElse(null);
        WebElement button = tab.browser().visible(selector)
                .orElseThrow(() -> new AssertionError("no visible reset button " + selector + " on " + tab.url() + " (acceptance.ui.reset-selector)"));
        String label = button.getText();
        tab.screenshot(report, "AC-16-before.png", "before the click on '" + label + "'");
        long clickAt = System.currentTimeMillis();
        button.click();
        boolean enabledAgain = awaitQuietly("the reset button enabled again", RESET_DONE,
                () -> tab.browser().visible(selector).map(WebElement::isEnabled).orElse(false) && System.currentTimeMillis() - clickAt > 100);
        // the page closes its socket when the reset request has answered; the reconnect is judged from that close
        awaitQuietly("the page's WebSocket reconnected", tab.ui().reconnectBudget().plusSeconds(2),
                () -> reconnect(tab.browser().pageEvents(), socketsBefore).reopenedAt().isPresent());
        // the browser reports each answer as an event of its own, which can arrive after the page has moved on (seen under load)
        awaitQuietly("the browser's answers to what the click sent", RESET_DONE, () -> {
            List<PageActivity.Request> calls = calls(tab, clickAt);
            return !calls.isEmpty() && calls.stream().allMatch(PageActivity.Request::done);
        });
        tab.screenshot(report, "AC-16-after.png", "after the click: the page once the reset finished");
        List<PageEvent> pageEvents = tab.browser().pageEvents();
        List<PageActivity.Request> sent = calls(tab, clickAt);
        List<PageActivity.ConsoleLine> console = tab.browser().activity().consoleSince(clickAt);
        List<PageActivity.ConsoleLine> errors = tab.browser().activity().errorsSince(clickAt);
        report.evidence("requests the click sent (browser network log)", UiTab.lines(sent))
                .evidence("console after the click", UiTab.lines(console))
                .evidence("page WebSockets", UiTab.lines(pageEvents.stream().filter(p -> p.kind().equals("ws")).toList()));

        Optional<PageActivity.Request> reset = sent.stream().filter(r -> r.method().equals("POST")
                && UiTab.path(r.url()).map(p -> p.equals(expected)).orElse(false)).findFirst();
        String answer = "";
        if (reset.isEmpty()) {
            problems.add("the button sent " + (sent.isEmpty() ? "no request" : sent.stream().map(r -> r.method() + " " + UiTab.path(r.url()).orElse(r.url())
                    + (r.status() != null ? " (" + r.status() + ")" : "")).distinct().toList()) + ", not POST " + expected);
        } else {
            answer = body(pageEvents, reset.get().url(), clickAt).orElse("");
            report.evidence("POST " + expected, reset.get().status() + " " + (answer.isEmpty() ? "(answer body not seen by the page recorder)" : answer));
            problems.addAll(judgeAnswer(reset.get(), answer, expected));
        }
        if (!errors.isEmpty()) {
            problems.add("console error after the click: " + errors.stream().map(PageActivity.ConsoleLine::describe).toList());
        }
        Reconnect reconnect = reconnect(pageEvents, socketsBefore);
        long budgetMs = tab.ui().reconnectBudget().toMillis();
        if (reconnect.closedAt().isEmpty()) {
            problems.add("the page's WebSocket was not closed by the reset (it keeps the old session's socket)");
        } else if (reconnect.reopenedAt().isEmpty()) {
            problems.add("the page's WebSocket closed and did not reconnect within " + budgetMs + " ms");
        } else if (reconnect.millis() > budgetMs) {
            problems.add("the page's WebSocket reconnected after " + reconnect.millis() + " ms, budget " + budgetMs + " ms");
        }
        if (!enabledAgain) {
            problems.add("the button was not enabled again within " + RESET_DONE.toSeconds() + " s");
        }
        if (before != null) {
            problems.addAll(ServiceContainer.changesSince(stack.get(), before));
        }
        reconnect.millisIfDone().ifPresent(ms -> report.measure("reconnect_ms", ms));
        report.measure("reconnect_budget_ms", budgetMs).measure("requests_sent", sent.size()).measure("console_errors", errors.size());
        String identity = before == null ? "backend identity not checked (live mode: no Docker access)"
                : "same container " + before.name() + " (" + before.shortId() + "), pid " + before.pid();
        report.summary(problems.isEmpty()
                ? String.format("clicked '%s': POST %s answered %d success, session cleared; WebSocket reconnected after %d ms (budget %d ms); no console error; %s",
                        label, expected, reset.get().status(), reconnect.millis(), budgetMs, identity)
                : "clicked '" + label + "': " + String.join("; ", problems));
        if (!problems.isEmpty()) {
            throw new AssertionError("the reset button in the UI: " + String.join("; ", problems));
        }
    }

    /** What the page sent since the click, besides loading things (GET) and CORS preflights. */
    private static List<PageActivity.Request> calls(UiTab tab, long since) {
        return tab.browser().activity().requestsSince(since).stream().filter(r -> !r.method().equals("GET") && !r.method().equals("OPTIONS")).toList();
    }

    private static List<String> judgeAnswer(PageActivity.Request reset, String answer, String expected) {
        List<String> problems = new ArrayList<>();
        if (reset.status() == null || reset.status() != 200) {
            String outcome = reset.status() != null ? "answered HTTP " + reset.status()
                    : reset.error() != null ? "failed: " + reset.error() : "was sent, but the browser reported no answer within " + RESET_DONE.toSeconds() + " s";
            problems.add("POST " + expected + " " + outcome + (answer.isEmpty() ? "" : ": " + answer));
            return problems;
        }
        try {
            JsonNode json = JSON.readTree(answer);
            if (!json.path("success").asBoolean(false) || !json.path("session_cleared").asBoolean(false)) {
                problems.add("POST " + expected + " answered 200 without success and session_cleared: " + answer);
            }
        } catch (Exception e) {
            problems.add("POST " + expected + " answered 200 but not the JSON the contract gives: " + (answer.isEmpty() ? "(no body seen)" : answer));
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

    private static boolean awaitQuietly(String what, Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(50)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false; // judged and reported with the rest
        }
    }
}
