package dev.orchestrator.gate.api;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The orchestrator's HTTP interface (contract doc), every call bounded by a timeout. */
public final class OrchestratorApi {

    public static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final URI baseUrl;
    private final Map<String, String> paths;

    public OrchestratorApi(URI baseUrl, Map<String, String> paths) {
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

    public Response health() {
        return request().get(paths.get("health"));
    }

    public Response index() {
        return request().get("/");
    }

    public Response getOrchestrator() {
        return request().get("/get_orchestrator");
    }

    public String orchestratorId() {
        return getOrchestrator().then().statusCode(200).extract().path("orchestrator.id");
    }

    public Object sessionId() {
        return getOrchestrator().then().statusCode(200).extract().path("orchestrator.session_id");
    }

    public Response sendChat(String message, String orchestratorId) {
        return request().contentType("application/json")
                .body(Map.of("message", message, "orchestrator_agent_id", orchestratorId))
                .post("/send_chat");
    }

    public Response reset(boolean clearSession) {
        RequestSpecification r = request();
        if (clearSession) {
            r = r.queryParam("clear_session", "true");
        }
        return r.post(paths.get("reset"));
    }

    public Response reboot() {
        return request().post(paths.get("reboot"));
    }

    public URI wsUri(URI base) {
        String scheme = base.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + paths.get("ws"));
    }
}
