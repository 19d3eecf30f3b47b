package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.browser.Origins;
import dev.orchestrator.gate.browser.PageActivity;
import dev.orchestrator.gate.browser.PageEvent;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.scenario.UiTab;
import io.restassured.response.Response;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import static dev.orchestrator.gate.report.Rounding.hundredths;

/**
 * AC-07: GET / answers an HTML page (directly and through the edge), and in a headless browser the page
 * shows its ready element with no script or console error, its API calls going only to the origins under
 * test. Third-party static assets (a web-font stylesheet) are blocked and listed, and fail it only with
 * acceptance.ui.strict-origins=true; a blocked script that breaks the page fails it through its errors.
 */
public final class UiServed implements Check {

    /** After the ready element: the page's own calls (its API requests) get this long to finish before it is judged. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(500);
    /** Chromium's error for a request it dropped because the machine's network interfaces changed. */
    static final String NETWORK_CHANGED = "net::ERR_NETWORK_CHANGED";
    /** Loads of the page at most, when a network change on this machine cuts the first ones short. */
    private static final int LOADS = 3;

    private final List<Map.Entry<String, OrchestratorApi>> entries;
    private final Supplier<UiTab> tab;

    /** {@code entries}: how the page is reached ("direct", "through the edge proxy") and by which API. */
    public UiServed(List<Map.Entry<String, OrchestratorApi>> entries, Supplier<UiTab> tab) {
        this.entries = entries;
        this.tab = tab;
    }

    @Override
    public Outcome check(Findings findings) {
        List<Problem> problems = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (Map.Entry<String, OrchestratorApi> e : entries) {
            served(e.getValue(), e.getKey(), findings, problems, summary);
        }
        summary.append(render(tab.get(), findings, problems));
        return Outcome.of(problems, summary.toString());
    }

    private static void served(OrchestratorApi api, String via, Findings findings, List<Problem> problems, StringBuilder summary) {
        Response index = api.index();
        String body = index.asString();
        findings.evidence("GET / " + via, index.statusCode() + " " + index.contentType() + "\n" + body.substring(0, Math.min(300, body.length())));
        summary.append("GET / ").append(via).append(": ").append(index.statusCode()).append(' ').append(index.contentType()).append("; ");
        if (index.statusCode() != 200) {
            problems.add(Problem.of(ProblemCode.INDEX_HTTP_STATUS, "GET " + api.baseUrl() + "/ (" + via + ") answered " + index.statusCode()));
        } else if (!index.contentType().startsWith("text/html")) {
            problems.add(Problem.of(ProblemCode.INDEX_NOT_HTML, "GET " + api.baseUrl() + "/ (" + via + ") is not an HTML page: " + index.contentType()));
        }
    }

    private static String render(UiTab tab, Findings findings, List<Problem> problems) {
        String ready = tab.ui().readySelector();
        PageActivity activity = tab.browser().activity();
        long start;
        boolean shown;
        double loadS;
        for (int load = 1; ; load++) {
            start = System.currentTimeMillis();
            tab.browser().open(tab.url().toString());
            shown = Waits.until("ready element " + ready + " visible", tab.ui().loadBudget(), () -> tab.browser().visible(ready).isPresent());
            loadS = (System.currentTimeMillis() - start) / 1000.0;
            long since = start;
            if (!Waits.until("the page's requests finished", SETTLE, Duration.ofMillis(100), c -> c.during(QUIET), () -> activity.inFlight() == 0)) {
                findings.evidence("requests still open after " + SETTLE.toSeconds() + " s", UiTab
                        .lines(activity.requestsSince(since).stream().filter(r -> !r.done()).toList()));
            }
            List<PageActivity.Request> lost = activity.requestsSince(start).stream().filter(r -> NETWORK_CHANGED.equals(r.error())).toList();
            if (lost.isEmpty() || load == LOADS) {
                break;
            }
            // Chromium drops the requests in flight when a network interface of this machine comes or goes (the engine
            // creating or removing a container's): the machine's doing, not the page's; the page is loaded again
            findings.evidence("page load " + load + " lost to a network change on this machine, loaded again", UiTab.lines(lost));
        }
        Screenshots.take(tab, findings, "AC-07-page.png", "the page after loading (" + tab.url() + ")");
        List<PageActivity.ConsoleLine> errors = activity.errorsSince(start);
        List<PageActivity.Request> requests = activity.requestsSince(start);
        Blocked blocked = Blocked.of(tab.origins(), requests, tab.browser().pageEvents());
        findings.measure("browser_launch_s", hundredths(tab.launchSeconds())).measure("load_s", hundredths(loadS)).measure("requests", requests.size())
                .measure("console_errors", errors.size()).measure("requests_by_origin", byOrigin(requests))
                .measure("third_party_assets_blocked", blocked.assetRequests())
                .evidence("page", tab.url() + " (title '" + tab.browser().title() + "'), ready element " + ready
                + (shown ? " visible after " + hundredths(loadS) + " s" : " not visible"))
                .evidence("console while loading", UiTab.lines(activity.consoleSince(start)))
                .evidence("requests", UiTab.lines(requests))
                .evidence("blocked third-party assets", blocked.assets().isEmpty() ? "(none)" : String.join("\n", blocked.assets()));
        if (!shown) {
            problems.add(Problem.of(ProblemCode.NOT_RENDERED, "the page at " + tab.url() + " did not show its ready element " + ready + " within "
                    + tab.ui().loadBudget().toSeconds() + " s (acceptance.ui.ready-selector)"));
        }
        if (!errors.isEmpty()) {
            problems.add(Problem.of(ProblemCode.CONSOLE_ERROR, "the page logged " + errors.size() + " error(s) while loading: "
                    + errors.stream().map(PageActivity.ConsoleLine::describe).toList()));
        }
        if (!blocked.apiCalls().isEmpty()) {
            problems.add(Problem
                    .of(ProblemCode.FOREIGN_ORIGIN, "the page called another origin than the one under test (" + String.join(", ", tab.origins().allowed())
                    + "): " + String.join("; ", blocked.apiCalls()) + ": a front end built with another environment's API URL"));
        }
        if (!blocked.assets().isEmpty() && tab.ui().strictOrigins()) {
            problems.add(Problem
                    .of(ProblemCode.THIRD_PARTY_ASSET, "the page loads third-party assets (acceptance.ui.strict-origins=true): " + blocked.assetsLine()));
        }
        return String.format("rendered in a headless browser: ready element visible after %.1f s, %d requests to %s, %d console errors%s",
                loadS, requests.size(), String.join(" / ", byOrigin(requests).keySet()), errors.size(),
                blocked.assets().isEmpty() ? "" : "; blocked " + blocked.assetsLine());
    }

    /** What the page tried to reach outside the origins under test: its API calls, and third-party static assets. */
    record Blocked(List<String> apiCalls, List<String> assets, int assetRequests) {

        static Blocked of(Origins origins, List<PageActivity.Request> requests, List<PageEvent> pageEvents) {
            Map<String, List<String>> calls = new TreeMap<>();
            Map<String, List<String>> assets = new TreeMap<>();
            for (PageActivity.Request r : requests) {
                if (!origins.allows(r.url())) {
                    String origin = Origins.of(r.url()).orElse(r.url());
                    String what = r.method() + " " + UiTab.path(r.url()).orElse("") + (r.error() != null ? " blocked: " + r.error() : " -> " + r.status());
                    (r.apiCall() ? calls : assets).computeIfAbsent(origin, k -> new ArrayList<>()).add(r.apiCall() ? what : r.kind());
                }
            }
            for (PageEvent e : pageEvents) { // WebSockets are seen by the page recorder, whatever the network log shows of them
                if (e.webSocket("created") && !origins.allows(e.url())) {
                    calls.computeIfAbsent(Origins.of(e.url()).orElse(e.url()), k -> new ArrayList<>()).add("WebSocket " + UiTab.path(e.url()).orElse(""));
                }
            }
            // sorted: the page's requests race each other, the line says what was called, the evidence in which order
            List<String> callLines = new ArrayList<>();
            calls.forEach((origin, list) -> callLines.add(origin + " (" + list.size() + (list.size() == 1 ? " request" : " requests") + ": "
                    + String.join(", ", list.stream().distinct().sorted().toList()) + ")"));
            List<String> assetLines = new ArrayList<>();
            assets.forEach((origin, kinds) -> assetLines.add(host(origin) + " (" + String.join(", ", kinds.stream().distinct().sorted().toList()) + ")"));
            return new Blocked(callLines, assetLines, assets.values().stream().mapToInt(List::size).sum());
        }

        /** "1 third-party asset: fonts.googleapis.com (stylesheet)". */
        String assetsLine() {
            return assetRequests + " third-party asset" + (assetRequests == 1 ? "" : "s") + ": " + String.join(", ", assets);
        }

        private static String host(String origin) {
            return Optional.ofNullable(URI.create(origin).getHost()).orElse(origin);
        }
    }

    private static Map<String, Integer> byOrigin(List<PageActivity.Request> requests) {
        Map<String, Integer> counts = new TreeMap<>();
        requests.forEach(r -> counts.merge(Origins.of(r.url()).orElse("(in page)"), 1, Integer::sum));
        return counts;
    }
}
