package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.browser.Origins;
import dev.orchestrator.gate.browser.PageActivity;
import dev.orchestrator.gate.browser.PageEvent;
import dev.orchestrator.gate.report.CriterionReporter;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.orchestrator.gate.report.Rounding.hundredths;
import static org.awaitility.Awaitility.await;

/** AC-07's render check: the page shows its ready element, with no script or console error, calling only the origins under test. */
final class UiRender {

    /** After the ready element: the page's own calls (its API requests) get this long to finish before it is judged. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(500);

    private UiRender() {
    }

    /** GET / answers 200 text/html on {@code api}; the facts go into {@code softly} and {@code summary}. */
    static void served(dev.orchestrator.gate.api.OrchestratorApi api, String via, SoftAssertions softly, CriterionReporter report, StringBuilder summary) {
        io.restassured.response.Response index = api.index();
        String body = index.asString();
        report.evidence("GET / " + via, index.statusCode() + " " + index.contentType() + "\n" + body.substring(0, Math.min(300, body.length())));
        summary.append("GET / ").append(via).append(": ").append(index.statusCode()).append(' ').append(index.contentType()).append("; ");
        softly.assertThat(index.statusCode()).as("GET %s/ (%s) answered %d", api.baseUrl(), via, index.statusCode()).isEqualTo(200);
        softly.assertThat(index.contentType()).as("GET %s/ (%s) is not an HTML page", api.baseUrl(), via).startsWith("text/html");
    }

    /** Opens the UI in {@code tab}, judges what loading it did into {@code softly}; returns the one-line outcome. */
    static String check(UiTab tab, CriterionReporter report, SoftAssertions softly) {
        long start = System.currentTimeMillis();
        String ready = tab.ui().readySelector();
        PageActivity activity = tab.browser().activity();
        tab.browser().open(tab.url().toString());
        boolean shown;
        try {
            await("ready element " + ready + " visible").atMost(tab.ui().loadBudget()).pollInterval(Duration.ofMillis(100))
                    .until(() -> tab.browser().visible(ready).isPresent());
            shown = true;
        } catch (ConditionTimeoutException e) {
            shown = false;
        }
        double loadS = (System.currentTimeMillis() - start) / 1000.0;
        try {
            await("the page's requests finished").atMost(SETTLE).during(QUIET).pollInterval(Duration.ofMillis(100)).until(() -> activity.inFlight() == 0);
        } catch (ConditionTimeoutException e) {
            report.evidence("requests still open after " + SETTLE.toSeconds() + " s", UiTab.lines(activity.requestsSince(start).stream().filter(r -> !r.done()).toList()));
        }
        tab.screenshot(report, "AC-07-page.png", "the page after loading (" + tab.url() + ")");
        List<PageActivity.ConsoleLine> console = activity.consoleSince(start);
        List<PageActivity.ConsoleLine> errors = activity.errorsSince(start);
        List<PageActivity.Request> requests = activity.requestsSince(start);
        List<String> foreign = foreignOrigins(tab.origins(), requests, tab.browser().pageEvents());
        report.measure("browser_launch_s", hundredths(tab.launchSeconds())).measure("load_s", hundredths(loadS)).measure("requests", requests.size())
                .measure("console_errors", errors.size()).measure("requests_by_origin", byOrigin(requests))
                .evidence("page", tab.url() + " (title '" + tab.browser().title() + "'), ready element " + ready + (shown ? " visible after " + hundredths(loadS) + " s" : " not visible"))
                .evidence("console while loading", UiTab.lines(console))
                .evidence("requests", UiTab.lines(requests));
        softly.assertThat(shown).as("the page at %s did not show its ready element %s within %d s (acceptance.ui.ready-selector)",
                tab.url(), ready, tab.ui().loadBudget().toSeconds()).isTrue();
        softly.assertThat(errors).as("the page logged %d error(s) while loading: %s", errors.size(),
                errors.stream().map(PageActivity.ConsoleLine::describe).toList()).isEmpty();
        softly.assertThat(foreign).as("the page called another origin than the one under test (%s): %s: a front end built with another environment's API URL",
                String.join(", ", tab.origins().allowed()), String.join("; ", foreign)).isEmpty();
        return String.format("rendered in a headless browser: ready element visible after %.1f s, %d requests all to %s, %d console errors",
                loadS, requests.size(), String.join(" / ", byOrigin(requests).keySet()), errors.size());
    }

    /** Each origin not under test that the page tried to reach, with its requests and what became of them ("blocked: net::..."). */
    static List<String> foreignOrigins(Origins origins, List<PageActivity.Request> requests, List<PageEvent> pageEvents) {
        Map<String, List<String>> byOrigin = new TreeMap<>();
        for (PageActivity.Request r : requests) {
            if (!origins.allows(r.url())) {
                byOrigin.computeIfAbsent(Origins.of(r.url()).orElse(r.url()), k -> new ArrayList<>())
                        .add(r.method() + " " + UiTab.path(r.url()).orElse("") + (r.error() != null ? " blocked: " + r.error() : " -> " + r.status()));
            }
        }
        for (PageEvent e : pageEvents) { // WebSockets are seen by the page recorder, whatever the network log shows of them
            if (e.webSocket("created") && !origins.allows(e.url())) {
                byOrigin.computeIfAbsent(Origins.of(e.url()).orElse(e.url()), k -> new ArrayList<>()).add("WebSocket " + UiTab.path(e.url()).orElse(""));
            }
        }
        List<String> out = new ArrayList<>();
        byOrigin.forEach((origin, calls) -> out.add(origin + " (" + calls.size() + (calls.size() == 1 ? " request" : " requests") + ": "
                + String.join(", ", calls.stream().distinct().toList()) + ")"));
        return out;
    }

    private static Map<String, Integer> byOrigin(List<PageActivity.Request> requests) {
        Map<String, Integer> counts = new TreeMap<>();
        requests.forEach(r -> counts.merge(Origins.of(r.url()).orElse("(in page)"), 1, Integer::sum));
        return counts;
    }

}
