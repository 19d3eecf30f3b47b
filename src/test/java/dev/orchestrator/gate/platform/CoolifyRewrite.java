package dev.orchestrator.gate.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.orchestrator.gate.docker.GateLabels;

import java.util.Iterator;
import java.util.Map;

/**
 * The operator's compose model as Coolify rewrites it before a deploy (coolify-deploy.md, parsers.php): each
 * service's container_name becomes {@code <service>-<uuid>-<timestamp>}, the {@code coolify.*} labels are added
 * (the operator's kept), the application's {@code <uuid>} network (external, created by the deploy) is added to
 * each service, restart defaults to unless-stopped, the {@code .env} file is added to env_file, and a service that
 * builds without an image gets {@code <uuid>_<service>:<tag>}. The gate's run label goes on top of everything.
 */
final class CoolifyRewrite {

    static final String COOLIFY_VERSION = "4.0.0 (modelled by the release gate)";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private CoolifyRewrite() {
    }

    /** The rewritten model for one deploy, from the effective model ({@code docker compose config --format json}). */
    static JsonNode rewrite(JsonNode model, CoolifyApp app, String timestamp, String runId, String imageTag) {
        ObjectNode out = model.deepCopy();
        out.remove("name"); // the project is the uuid, given on the command line
        ObjectNode services = (ObjectNode) out.path("services");
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String service = e.getKey();
            ObjectNode s = (ObjectNode) e.getValue();
            s.put("container_name", app.containerName(service, timestamp));
            if (!s.hasNonNull("restart")) {
                s.put("restart", "unless-stopped");
            }
            ObjectNode labels = s.has("labels") && s.get("labels").isObject() ? (ObjectNode) s.get("labels") : s.putObject("labels");
            labels.put("coolify.managed", "true");
            labels.put("coolify.version", COOLIFY_VERSION);
            labels.put("coolify.applicationId", String.valueOf(app.id()));
            labels.put("coolify.type", "application");
            labels.put("coolify.name", app.name());
            labels.put("coolify.resourceName", app.name());
            labels.put("coolify.projectName", "release-gate");
            labels.put("coolify.serviceName", service);
            labels.put("coolify.environmentName", "production");
            labels.put("coolify.pullRequestId", "0");
            labels.put(GateLabels.RUN, runId);
            if (!s.has("network_mode")) {
                ObjectNode networks = s.has("networks") && s.get("networks").isObject() ? (ObjectNode) s.get("networks") : s.putObject("networks");
                networks.putNull(app.uuid());
            }
            if (s.has("build") && !s.hasNonNull("image")) {
                s.put("image", app.uuid() + "_" + service + ":" + imageTag);
            }
            s.putArray("env_file").add(".env");
        }
        ObjectNode networks = out.has("networks") ? (ObjectNode) out.get("networks") : out.putObject("networks");
        networks.fields().forEachRemaining(n -> own((ObjectNode) n.getValue(), runId));
        networks.putObject(app.uuid()).put("name", app.uuid()).put("external", true);
        if (out.has("volumes")) {
            out.get("volumes").fields().forEachRemaining(v -> own((ObjectNode) v.getValue(), runId));
        }
        return out;
    }

    /** A network or volume of the project: named by compose after the uuid project (not the name the gate's model read gave it), with the run label. */
    private static void own(ObjectNode definition, String runId) {
        if (definition.path("external").asBoolean(false)) {
            return;
        }
        definition.remove("name");
        ObjectNode labels = definition.has("labels") && definition.get("labels").isObject() ? (ObjectNode) definition.get("labels") : definition
                .putObject("labels");
        labels.put(GateLabels.RUN, runId);
    }

    static String yaml(JsonNode rewritten) {
        try {
            return YAML.writeValueAsString(rewritten);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the rewritten compose file", e);
        }
    }
}
