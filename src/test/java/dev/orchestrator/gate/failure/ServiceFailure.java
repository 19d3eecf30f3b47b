package dev.orchestrator.gate.failure;

/**
 * What the stack under test did wrong (its HTTP answer, its WebSocket, its containers' state, the operator's script's
 * exit and effect), thrown from deep inside a check: the only exception a check reports as {@code failed}. Anything
 * else thrown (the gate's own planting, the engine's API, a TLS or DNS error reaching the target, the browser driver,
 * a missing file, a wait of the gate's own machinery) is {@code error}, exit 2: a release is never blocked for the
 * gate's own fault.
 */
public class ServiceFailure extends AssertionError {

    public ServiceFailure(String message) {
        super(message);
    }

    public ServiceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
