package dev.orchestrator.gate.config;

/** A configuration the gate cannot run with; the message names the key to fix. */
public class GateConfigException extends RuntimeException {

    private final String key;

    public GateConfigException(String key, String problem) {
        super(problem + " (fix: " + key + ")");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
