package dev.orchestrator.gate.catalogue;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The vocabulary of problems (catalogue, "How a check fails"): each a stable kebab-case code that a waiver names and CI
 * reads, with what it means. Which criterion may raise which code is the catalogue's ({@link Criterion#problemCodes()}).
 */
public enum ProblemCode {
    // raised by any criterion, from a failure thrown deep inside a check
    UNREACHABLE("unreachable", "a request to the service got no answer (refused, reset, timed out)"),
    UNEXPECTED_ANSWER("unexpected-answer", "a request the check needed answered an error"),
    NO_CONTAINER("no-container", "no container of the service in the run's project"),
    // the stale holders and the cleanup (AC-01..AC-04)
    HAZARD_NOT_REPRODUCED("hazard-not-reproduced", "a stale holder was planted, yet the deploy succeeded"),
    DEPLOY_FAILED_OTHERWISE("deploy-failed-otherwise", "the deploy failed for another reason than the holder causes"),
    CLEANUP_SKIPPED("cleanup-skipped", "the cleanup as Coolify's pre-deployment command was skipped: no running container of the app"),
    CLEANUP_TIMED_OUT("cleanup-timed-out", "the cleanup script did not finish within its limit"),
    CLEANUP_EXIT_STATUS("cleanup-exit-status", "the cleanup script exited non-zero"),
    PORT_STILL_HELD("port-still-held", "the port was still held after the cleanup script"),
    PORT_HELD_AGAIN("port-held-again", "the port was free after the cleanup script, then held again"),
    REMOVED_FOREIGN_RESOURCE("removed-foreign-resource", "the cleanup removed a resource that is not the service's"),
    STOPPED_BYSTANDER("stopped-bystander", "the cleanup stopped a running container that is not the service's"),
    // the deploys (AC-05, AC-18)
    DEPLOY_FAILED("deploy-failed", "the platform's deploy failed"),
    SERVICE_NOT_RUNNING("service-not-running", "a service of the stack is not running after the deploy"),
    INACTIVE_SERVICE_STARTED("inactive-service-started", "the deploy started a service that is not active (a profile)"),
    REDEPLOY_FAILED("redeploy-failed", "the next deploy after the reboot failed"),
    FOREIGN_CONTAINER("foreign-container", "a container of the service that the platform does not manage"),
    // the service's health (AC-06, AC-14, AC-18, AC-20)
    EXITED_BEFORE_HEALTHY("exited-before-healthy", "the container stopped before it turned healthy"),
    NOT_HEALTHY_IN_TIME("not-healthy-in-time", "the container did not turn healthy within its budget"),
    HEALTH_HTTP_STATUS("health-http-status", "GET /health did not answer 200"),
    HEALTH_BODY("health-body", "GET /health answered without JSON status 'healthy'"),
    NOT_HEALTHY("not-healthy", "the container is not running, or Docker does not call it healthy"),
    CONTAINER_COUNT("container-count", "not exactly one container of the service"),
    SECOND_CONTAINER("second-container", "another container of the service on the engine (named as it, or publishing its port)"),
    PORT_NOT_HELD("port-not-held", "the port is not published by the one container of the service"),
    // the backend's identity (AC-12, AC-15, AC-16)
    CONTAINER_CHANGED("container-changed",
            "the backend was restarted or replaced: another container, start, restart count, main process, or its server process gone"),
    SECOND_SERVER("second-server", "a second server inside the container: the server's program again, or a new listener"),
    PORT_LOST("port-lost", "the port is no longer published by the service's container"),
    // the browser (AC-07, AC-16, AC-17)
    INDEX_HTTP_STATUS("index-http-status", "GET / did not answer 200"),
    INDEX_NOT_HTML("index-not-html", "GET / is not an HTML page"),
    NOT_RENDERED("not-rendered", "the page did not show its ready element"),
    CONSOLE_ERROR("console-error", "the page logged an error"),
    FOREIGN_ORIGIN("foreign-origin", "the page called another origin than the one under test"),
    THIRD_PARTY_ASSET("third-party-asset", "the page loads third-party assets (acceptance.ui.strict-origins=true)"),
    NO_PAGE_SOCKET("no-page-socket", "the page had no open WebSocket before the click"),
    NO_RESET_BUTTON("no-reset-button", "no visible reset button"),
    RESET_NOT_SENT("reset-not-sent", "the button did not send the reset with clear_session=true"),
    FORBIDDEN_REQUEST("forbidden-request", "the click sent a request to a forbidden path (the reboot endpoint)"),
    STATE_CHANGING_REQUEST("state-changing-request", "the click sent another request that changes state"),
    REINIT_ERROR_ANSWER("reinit-error-answer", "the page's re-initialisation after the click got error answers"),
    SOCKET_KEPT("socket-kept", "the page's WebSocket was not closed by the reset"),
    NO_RECONNECT("no-reconnect", "the page's WebSocket did not reconnect within the budget"),
    BUTTON_STAYS_DISABLED("button-stays-disabled", "the button was not enabled again"),
    INPUT_NOT_USABLE("input-not-usable", "the chat was opened, but no usable chat input appeared"),
    SEND_CHAT_NOT_SENT("send-chat-not-sent", "the UI did not send POST /send_chat for the typed message"),
    SEND_CHAT_WRONG_MESSAGE("send-chat-wrong-message", "the UI's POST /send_chat did not carry the typed message"),
    ANSWER_NOT_SHOWN("answer-not-shown", "the answer streamed, but the chat panel did not show it"),
    // the resets (AC-11)
    RESET_HTTP_STATUS("reset-http-status", "the reset answered an HTTP error, or no answer"),
    RESET_ANSWER("reset-answer", "the reset answered 200 without JSON success and session_cleared"),
    TOO_SLOW("too-slow", "the slowest reset took longer than the budget"),
    SESSION_KEPT("session-kept", "the orchestrator's session is still set after reset?clear_session=true"),
    // the WebSocket and the chat (AC-08..AC-10, AC-13, AC-17)
    HANDSHAKE_FAILED("handshake-failed", "the WebSocket handshake failed"),
    HANDSHAKE_SLOW("handshake-slow", "the WebSocket handshake took longer than its budget"),
    NO_CONNECTION_ESTABLISHED("no-connection-established", "no connection_established message after the handshake"),
    WS_NOT_CONNECTED("ws-not-connected", "a WebSocket the check needs is not connected"),
    WS_DROPPED("ws-dropped", "a WebSocket closed during the soak"),
    KEEPALIVE_GAP("keepalive-gap", "a silence between keepalives longer than allowed"),
    OPERATION_REFUSED("operation-refused", "the long operation was refused"),
    NO_RESULT("no-result", "the long operation never delivered its result"),
    OPERATION_TOO_SHORT("operation-too-short", "the long operation was shorter than the proxy's idle limit: proves nothing"),
    SEND_CHAT_HTTP_STATUS("send-chat-http-status", "POST /send_chat answered an error"),
    ANSWER_INCOMPLETE("answer-incomplete", "the chat's answer never completed"),
    ANSWER_EMPTY("answer-empty", "the chat's answer completed without text, or none arrived"),
    NOT_CONCURRENT("not-concurrent", "the long operation had already ended: the chat did not run beside it"),
    // the reboot (AC-14, AC-15)
    SCRIPT_TIMED_OUT("script-timed-out", "the reboot script did not finish within its limit"),
    SCRIPT_EXIT_STATUS("script-exit-status", "the reboot script exited non-zero"),
    NOT_REBOOTED("not-rebooted", "the reboot script exited 0, but nothing was rebooted"),
    PROCESSES_LINGER("processes-linger", "what the reboot endpoint started still ran at the end of the watch"),
    // availability as users see it (AC-19) and the state at the close (AC-20)
    RESET_OUTAGE("reset-outage", "a reset caused an outage"),
    OVER_BUDGET("over-budget", "users were without service longer than the budget"),
    ROUTED_NOT_ANSWERING("routed-not-answering", "users were routed to a service that did not answer GET /health"),
    HEALTH_NOT_200("health-not-200", "GET /health did not answer 200 throughout the window"),
    WS_REFUSED("ws-refused", "the WebSocket did not accept a connection with connection_established");

    /** The problems a failure thrown deep inside any check may carry: a request not answered, an error answer, no container. */
    public static final Set<ProblemCode> COMMON = Collections.unmodifiableSet(EnumSet.of(UNREACHABLE, UNEXPECTED_ANSWER, NO_CONTAINER));

    private final String code;
    private final String meaning;

    ProblemCode(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The stable kebab-case code ("reset-http-status"), as the report, the waivers and CI spell it. */
    @JsonValue
    public String code() {
        return code;
    }

    /** What the code means, for docs/criteria.md. */
    public String meaning() {
        return meaning;
    }

    /** The code spelled {@code code}, if the vocabulary has it. */
    public static Optional<ProblemCode> of(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
