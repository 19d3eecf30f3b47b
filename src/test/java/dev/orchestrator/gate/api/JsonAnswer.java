package dev.orchestrator.gate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.restassured.response.Response;

/**
 * The fields of a JSON answer, read with Jackson. REST Assured's GPath ({@code jsonPath()}, {@code path(...)}) compiles a
 * Groovy script for the paths it reads: on the polls of a gate run (health, the session), seconds of CPU per run.
 */
public final class JsonAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private JsonAnswer(JsonNode root) {
        this.root = root;
    }

    /** The answer's body as JSON; a body that is no JSON has no fields. */
    public static JsonAnswer of(Response answer) {
        return of(answer.asString());
    }

    /** {@code body} as JSON; a body that is no JSON has no fields. */
    public static JsonAnswer of(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            return new JsonAnswer(root == null ? MissingNode.getInstance() : root);
        } catch (JsonProcessingException notJson) {
            return new JsonAnswer(MissingNode.getInstance());
        }
    }

    /** The value at a dotted path ("orchestrator.id") as GPath gives it: a String, Boolean, number, List or Map; null when absent or null. */
    public Object get(String path) {
        JsonNode node = root;
        for (String name : path.split("\\.")) {
            node = node.path(name);
        }
        return node.isMissingNode() || node.isNull() ? null : JSON.convertValue(node, Object.class);
    }

    /** {@link #get} as text (a number or a boolean as it is written); null when absent or null. */
    public String text(String path) {
        Object value = get(path);
        return value == null ? null : String.valueOf(value);
    }
}
