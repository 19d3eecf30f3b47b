package dev.orchestrator.gate.ws;

/** Something that happened on a WebSocket, at seconds since the connection attempt started. */
public record WsEvent(double atSeconds, Kind kind, String type, String text) {

    public enum Kind { OPEN, MESSAGE, CLOSE, ERROR }
}
