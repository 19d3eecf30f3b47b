package dev.orchestrator.gate.api;

import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.config.GateSettings;
import dev.orchestrator.gate.failure.ServiceFailure;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.http.NoHttpResponseException;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/** The orchestrator's HTTP interface (contract doc), every call bounded by a timeout. */
public final class OrchestratorApi {

    /**
     * HttpClient logs every retry of a connection the service's port accepted before the server listens
     * (Docker's proxy does that while the container starts): waiting for that is what the gate does, so quiet.
     */
    private static final Logger HTTP_CLIENT_LOG = Logger.getLogger("org.apache.http");

    static {
        HTTP_CLIENT_LOG.setLevel(Level.WARNING);
    }

    public static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final URI baseUrl;
    private final GateSettings.Endpoints paths;

    public OrchestratorApi(URI baseUrl, GateSettings.Endpoints paths) {
        this.baseUrl = baseUrl;
        this.paths = paths;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    private RequestSpecification request() {
        int ms = (int) HTTP_TIMEOUT.toMillis();
        RestAssuredConfig config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", ms)
                .setParam("http.socket.timeout", ms)
                .setParam("http.connection-manager.timeout", (long) ms));
        return RestAssured.given().config(config).baseUri(baseUrl.toString()).urlEncodingEnabled(true);
    }

    /**
     * Every call names its URL when it gets no answer ("GET http://host:9403/health: Connection refused"). Only the
     * service not answering (refused, timed out, dropped) is the service's failure; anything else on the way (a TLS
     * handshake, a name that does not resolve, the client's own fault) is the gate's: {@link GateCannotReach}.
     */
    private Response call(String method, String path, Function<RequestSpecification, Response> send) {
        try {
            return send.apply(request());
        } catch (Exception e) { // RestAssured rethrows the client's checked IOExceptions undeclared
            String what = method + " " + baseUrl + path + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
            if (serviceDidNotAnswer(e)) {
                throw new ServiceUnreachable(what, e);
            }
            throw new GateCannotReach(method + " " + baseUrl + path + ": " + notReached(e).orElse("the request failed") + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    /**
     * Refused, timed out or dropped by the service's address: the service did not answer. A TLS problem (a failed
     * handshake, or one that never completed: a plain HTTP server behind an https URL) or a name that does not
     * resolve is not that: the gate could not reach the application to judge it.
     */
    public static boolean serviceDidNotAnswer(Throwable t) {
        if (notReached(t).isPresent()) {
            return false;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof SocketTimeoutException
                    || c instanceof NoHttpResponseException || c instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    /** Why the gate could not reach the application at all, when that is what happened: TLS, or a name that does not resolve. */
    static Optional<String> notReached(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SSLException) {
                return Optional.of("the TLS handshake failed");
            }
            if (duringTlsHandshake(c)) {
                return Optional.of("the TLS handshake did not complete");
            }
            if (c instanceof UnknownHostException) {
                return Optional.of("the host name does not resolve");
            }
        }
        return Optional.empty();
    }

    /** A time-out thrown by the TLS implementation itself: the handshake never completed. */
    private static boolean duringTlsHandshake(Throwable c) {
        return c instanceof SocketTimeoutException
                && Arrays.stream(c.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("sun.security.ssl."));
    }

    /** The gate could not reach the service for a reason of its own (TLS, DNS, the HTTP client): the check cannot be evaluated. */
    public static final class GateCannotReach extends RuntimeException {
        GateCannotReach(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Response health() {
        return call("GET", paths.health(), r -> r.get(paths.health()));
    }

    public Response index() {
        return call("GET", "/", r -> r.get("/"));
    }

    public Response getOrchestrator() {
        return call("GET", "/get_orchestrator", r -> r.get("/get_orchestrator"));
    }

    public String orchestratorId() {
        Object id = orchestratorField("id");
        return id == null ? null : String.valueOf(id);
    }

    public Object sessionId() {
        return orchestratorField("session_id");
    }

    private Object orchestratorField(String field) {
        Response r = getOrchestrator();
        if (r.statusCode() != 200) {
            throw new ServiceFailure(ProblemCode.UNEXPECTED_ANSWER, "GET " + baseUrl + "/get_orchestrator answered HTTP " + r.statusCode() + ": " + r
                    .asString());
        }
        return JsonAnswer.of(r).get("orchestrator." + field);
    }

    public Response sendChat(String message, String orchestratorId) {
        return call("POST", "/send_chat", r -> r.contentType("application/json")
                .body(Map.of("message", message, "orchestrator_agent_id", orchestratorId == null ? "" : orchestratorId))
                .post("/send_chat"));
    }

    public Response reset(boolean clearSession) {
        return call("POST", paths.reset(), r -> (clearSession ? r.queryParam("clear_session", "true") : r).post(paths.reset()));
    }

    public Response reboot() {
        return call("POST", paths.reboot(), r -> r.post(paths.reboot()));
    }

    public URI wsUri(URI base) {
        String scheme = base.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + paths.ws());
    }
}
