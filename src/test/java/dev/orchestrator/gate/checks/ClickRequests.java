package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.browser.PageActivity;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.scenario.UiTab;

import java.util.ArrayList;
import java.util.List;

/**
 * Every request the reset button's click caused, judged (AC-16): the reset itself; the page's re-initialisation
 * after it (its reads: GETs, and the reads sent as POST that acceptance.ui.read-paths names, such as the real front
 * end's {@code POST /load_chat}), listed, failed only when they answered an error; a request to a forbidden path
 * (the reboot endpoint, acceptance.ui.forbidden-paths) or any other request that changes state fails it.
 */
record ClickRequests(List<PageActivity.Request> resets, List<String> reads, List<String> actions, List<Problem> problems) {

    /**
     * @param expected the reset as the button must send it ({@code /api/orchestrator/reset?clear_session=true})
     * @param sinceClick every request the page sent since the click (the browser's network log)
     */
    static ClickRequests of(List<PageActivity.Request> sinceClick, String expected, List<String> readPaths, List<String> forbiddenPaths) {
        List<PageActivity.Request> resets = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        List<String> stateChanging = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (PageActivity.Request r : sinceClick) {
            if (r.method().equals("OPTIONS")) {
                continue; // a CORS preflight
            }
            String pathAndQuery = UiTab.path(r.url()).orElse(r.url());
            String path = pathAndQuery.replaceFirst("\\?.*$", "");
            if (r.method().equals("POST") && pathAndQuery.equals(expected)) {
                resets.add(r);
            } else if (forbiddenPaths.contains(path)) {
                forbidden.add(describe(r));
            } else if (r.method().equals("GET") || readPaths.contains(path)) {
                reads.add(describe(r));
                if (r.status() != null && r.status() >= 400) {
                    errors.add(describe(r));
                }
            } else {
                stateChanging.add(describe(r));
            }
        }
        List<Problem> problems = new ArrayList<>();
        if (!forbidden.isEmpty()) {
            problems.add(Problem.of(ProblemCode.FORBIDDEN_REQUEST, "the click also sent " + String.join(", ", forbidden.stream().distinct().toList())
                    + ": forbidden to a reset button (the reboot endpoint, acceptance.ui.forbidden-paths)").restingOn("the browser's network log"));
        }
        if (!stateChanging.isEmpty()) {
            problems.add(Problem.of(ProblemCode.STATE_CHANGING_REQUEST, "the click also sent " + String.join(", ", stateChanging.stream().distinct().toList())
                    + ": a request that changes state other than the reset (a read the page sends as POST belongs in acceptance.ui.read-paths)")
                    .restingOn("the browser's network log"));
        }
        if (!errors.isEmpty()) {
            problems.add(Problem.of(ProblemCode.REINIT_ERROR_ANSWER, "the page's re-initialisation after the click got error answers: "
                    + String.join(", ", errors.stream().distinct().toList())).restingOn("the browser's network log"));
        }
        List<String> actions = new ArrayList<>(forbidden);
        actions.addAll(stateChanging);
        return new ClickRequests(resets, reads.stream().distinct().toList(), actions.stream().distinct().toList(), problems);
    }

    /** "POST /load_chat (200)". */
    static String describe(PageActivity.Request r) {
        return r.method() + " " + UiTab.path(r.url()).orElse(r.url()) + (r.status() != null ? " (" + r.status() + ")" : "");
    }

    /** The reads that are not plain GETs (the re-initialisation's POSTs), for the summary. */
    List<String> readLines() {
        return reads.stream().filter(r -> !r.startsWith("GET ")).toList();
    }
}
