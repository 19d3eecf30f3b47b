package dev.orchestrator.gate.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The effective compose model (`docker compose config --format json`), read with Jackson, never by parsing YAML. */
public final class ComposeModel {

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|ns)");

    private final JsonNode root;

    private ComposeModel(JsonNode root) {
        this.root = root;
    }

    public static ComposeModel parse(String json) {
        try {
            return new ComposeModel(new ObjectMapper().readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException("docker compose config did not print a JSON model: " + e.getMessage(), e);
        }
    }

    /** The effective model as compose printed it. */
    public JsonNode json() {
        return root;
    }

    public List<String> services() {
        List<String> names = new ArrayList<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Whether another service waits for {@code service} to complete ({@code depends_on: condition: service_completed_successfully}). */
    public boolean completionAwaited(String service) {
        for (JsonNode other : root.path("services")) {
            if ("service_completed_successfully".equals(other.path("depends_on").path(service).path("condition").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the operator's file says {@code restart: "no"} for {@code service} (explicitly: not the engine's default when the key is absent). */
    public boolean restartsNever(String service) {
        return "no".equals(service(service).path("restart").asText(""));
    }

    public boolean hasService(String service) {
        return root.path("services").has(service);
    }

    private JsonNode service(String service) {
        return root.path("services").path(service);
    }

    public Optional<String> containerName(String service) {
        return text(service(service).path("container_name"));
    }

    /** Host ports the service publishes (tcp). */
    public List<Integer> publishedPorts(String service) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : service(service).path("ports")) {
            String published = port.path("published").asText("");
            if (!published.isEmpty() && !published.contains("-") && port.path("protocol").asText("tcp").equals("tcp")) {
                ports.add(Integer.parseInt(published));
            }
        }
        return ports;
    }

    public Optional<String> hostIp(String service, int publishedPort) {
        for (JsonNode port : service(service).path("ports")) {
            if (port.path("published").asText("").equals(String.valueOf(publishedPort))) {
                return text(port.path("host_ip"));
            }
        }
        return Optional.empty();
    }

    public boolean hasHealthcheck(String service) {
        JsonNode hc = service(service).path("healthcheck");
        return !hc.isMissingNode() && !hc.path("disable").asBoolean(false) && hc.has("test");
    }

    /** A healthcheck duration such as start_period, interval, start_interval. */
    public Optional<Duration> healthcheckDuration(String service, String field) {
        return text(service(service).path("healthcheck").path(field)).map(ComposeModel::goDuration);
    }

    public Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        service(service).path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText("")));
        return env;
    }

    public Map<String, String> allEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        services().forEach(s -> env.putAll(environment(s)));
        return env;
    }

    public boolean builds(String service) {
        return service(service).has("build");
    }

    /** The build context as compose resolved it (an absolute path or a URL). */
    public Optional<String> buildContext(String service) {
        return text(service(service).path("build").path("context"));
    }

    public Optional<String> image(String service) {
        return text(service(service).path("image"));
    }

    /** Names (as the engine knows them) of the external networks the model uses. */
    public List<String> externalNetworks() {
        List<String> names = new ArrayList<>();
        root.path("networks").fields().forEachRemaining(e -> {
            if (e.getValue().path("external").asBoolean(false)) {
                names.add(e.getValue().path("name").asText(e.getKey()));
            }
        });
        return names;
    }

    /** Go duration text as compose prints it ("1m0s", "500ms", "30s"). */
    static Duration goDuration(String text) {
        Matcher m = GO_DURATION_PART.matcher(text);
        double nanos = 0;
        int matched = 0;
        while (m.find()) {
            matched += m.group().length();
            double value = Double.parseDouble(m.group(1));
            nanos += value * switch (m.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us" -> 1e3;
                default -> 1;
            };
        }
        if (matched != text.length()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return Duration.ofNanos((long) nanos);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }
}
