package dev.orchestrator.gate.browser;

import java.util.Map;

/** One entry of the page recorder: a WebSocket of the page opening or closing, or an HTTP call's answer with its body (and what it sent, when). */
public record PageEvent(String kind, long id, String event, String method, String url, int status, String body, long atMillis,
                        String sent, long sentAtMillis) {

    public static PageEvent of(Map<?, ?> m) {
        return new PageEvent(str(m.get("kind")), num(m.get("id")), str(m.get("event")), str(m.get("method")), str(m.get("url")),
                (int) num(m.get("status")), str(m.get("body")), num(m.get("at")), str(m.get("sent")), num(m.get("sentAt")));
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    public boolean webSocket(String what) {
        return kind.equals("ws") && event.equals(what);
    }

    public boolean http() {
        return kind.equals("http");
    }

    @Override
    public String toString() {
        return http() ? method + " " + url + " -> " + status + " " + body : "WebSocket #" + id + " " + event + " " + url;
    }
}
