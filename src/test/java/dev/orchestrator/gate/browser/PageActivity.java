package dev.orchestrator.gate.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the page did as the browser reported it over WebDriver BiDi: console lines, uncaught script
 * errors, and every request with its answer or its network error. Selenium hands each BiDi event to a
 * thread of its own, so a request's answer may be handled before the request itself: every event merges
 * into the request's one record, whatever the order. Times are the browser's event timestamps (ms).
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

    /**
     * One request of the page: answered with {@code status}, or failed with {@code error}. {@code destination}
     * is what the browser fetched it for ("style", "image", "script", "font"; "" for fetch/XHR calls).
     */
    public record Request(String id, String method, String url, long atMillis, String destination, String initiatorType, Integer status, String error) {

        public boolean done() {
            return status != null || error != null;
        }

        /** A call of the page's code (fetch, XHR, WebSocket, EventSource), as opposed to a static asset (stylesheet, image, font, script). */
        public boolean apiCall() {
            return destination.isEmpty() && !initiatorType.equals("link") && !initiatorType.equals("img") && !initiatorType.equals("css")
                    || initiatorType.equals("fetch") || initiatorType.equals("xmlhttprequest") || initiatorType.equals("beacon");
        }

        /** "stylesheet", "image", "font", "script", or "API call". */
        public String kind() {
            return switch (destination) {
                case "style" -> "stylesheet";
                case "image" -> "image";
                case "font" -> "font";
                case "script" -> "script";
                case "" -> "API call";
                default -> destination;
            };
        }

        Request merge(Request later) {
            return new Request(id, method.isEmpty() ? later.method : method, url.isEmpty() ? later.url : url, Math.min(atMillis, later.atMillis),
                    destination.isEmpty() ? later.destination : destination, initiatorType.isEmpty() ? later.initiatorType : initiatorType,
                    status != null ? status : later.status, error != null ? error : later.error);
        }

        @Override
        public String toString() {
            return method + " " + url + " -> " + (status != null ? String.valueOf(status) : error != null ? error : "(no answer yet)");
        }
    }

    private final List<ConsoleLine> console = new CopyOnWriteArrayList<>();
    private final Map<String, Request> requests = new LinkedHashMap<>();

    void console(String source, String level, String text, long atMillis) {
        console.add(new ConsoleLine(atMillis, source, level == null ? "info" : level.toLowerCase(Locale.ROOT), text));
    }

    /** Any event of a request: sent, answered or failed, in whatever order the events are handled. */
    synchronized void event(String id, String method, String url, long atMillis, String destination, String initiatorType, Integer status, String error) {
        Request seen = new Request(id, method == null ? "" : method, url == null ? "" : url, atMillis, destination == null ? "" : destination,
                initiatorType == null ? "" : initiatorType, status, error == null ? null : error
                        .replaceAll("^\"|\"$", "")); // BiDi quotes Chromium's net:: code
        requests.merge(id, seen, Request::merge);
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
