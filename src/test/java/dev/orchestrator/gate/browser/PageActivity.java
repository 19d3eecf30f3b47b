package dev.orchestrator.gate.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the page did as the browser reported it over WebDriver BiDi: console lines, uncaught script
 * errors, and every request with its answer or its network error. Times are this machine's clock (ms).
 */
public final class PageActivity {

    /** A console line or an uncaught script error ({@code level} "error" for both kinds of error). */
    public record ConsoleLine(long atMillis, String source, String level, String text) {
        public boolean error() {
            return "error".equals(level);
        }

        /** "uncaught TypeError: ...", "console.error API Error: ...". */
        public String describe() {
            return (source.equals("uncaught") ? "uncaught " : source + "." + level + " ") + text;
        }

        @Override
        public String toString() {
            return "[" + source + (source.equals(level) ? "" : " " + level) + "] " + text;
        }
    }

    /** One request of the page: answered with {@code status}, or failed with {@code error}. */
    public record Request(String id, String method, String url, long atMillis, Integer status, String error) {
        Request answered(int code) {
            return new Request(id, method, url, atMillis, code, error);
        }

        Request failed(String why) {
            return new Request(id, method, url, atMillis, status, why);
        }

        public boolean done() {
            return status != null || error != null;
        }

        @Override
        public String toString() {
            return method + " " + url + " -> " + (status != null ? String.valueOf(status) : error != null ? error : "(no answer yet)");
        }
    }

    private final List<ConsoleLine> console = new CopyOnWriteArrayList<>();
    private final Map<String, Request> requests = new LinkedHashMap<>();

    void console(String source, String level, String text) {
        console.add(new ConsoleLine(System.currentTimeMillis(), source, level == null ? "info" : level.toLowerCase(java.util.Locale.ROOT), text));
    }

    synchronized void requestSent(String id, String method, String url) {
        requests.putIfAbsent(id, new Request(id, method, url, System.currentTimeMillis(), null, null));
    }

    synchronized void answered(String id, int status) {
        requests.computeIfPresent(id, (k, r) -> r.answered(status));
    }

    synchronized void failed(String id, String method, String url, String why) {
        requests.putIfAbsent(id, new Request(id, method, url, System.currentTimeMillis(), null, null));
        String reason = why == null ? "failed" : why.replaceAll("^\"|\"$", ""); // BiDi quotes Chromium's net:: code
        requests.computeIfPresent(id, (k, r) -> r.failed(reason));
    }

    public List<ConsoleLine> consoleSince(long atMillis) {
        return console.stream().filter(c -> c.atMillis() >= atMillis).toList();
    }

    public List<ConsoleLine> errorsSince(long atMillis) {
        return consoleSince(atMillis).stream().filter(ConsoleLine::error).toList();
    }

    public synchronized List<Request> requestsSince(long atMillis) {
        return new ArrayList<>(requests.values().stream().filter(r -> r.atMillis() >= atMillis).toList());
    }

    /** HTTP requests still waiting for an answer (WebSocket handshakes excluded: they never finish while open). */
    public synchronized long inFlight() {
        return requests.values().stream().filter(r -> !r.done() && !r.url().startsWith("ws")).count();
    }
}
