package dev.orchestrator.gate.failure;

/** The gate will not run here (pre-flight, lock, engine): one line saying why. Exit code 2. */
public class GateRefusedException extends RuntimeException {

    public GateRefusedException(String message) {
        super(message);
    }
}
