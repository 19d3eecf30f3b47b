package dev.orchestrator.gate.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Image;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.process.CommandResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images the release deploys. A service with {@code build:} and no {@code image:} would be
 * named after each run's compose project, built again inside the port scenario and left behind;
 * it gets one stable name instead (a pin file added to the compose files), is built once before
 * the scenario, and {@code up --no-build} runs exactly what was built.
 */
public final class ReleaseImages {

    /** Project name images are built under, by the gate and by fixtures/prepare.sh alike. */
    public static final String BUILD_PROJECT = "orchestrator-gate-build";
    public static final Duration BUILD_TIMEOUT = Duration.ofSeconds(900);
    static final String PIN_PREFIX = "orchestrator-gate-build-";
    /** Marks a line of {@link #removeRunImages} that is a problem, not a removal. */
    public static final String PROBLEM = "PROBLEM: ";

    private final ComposeModel model;
    private final Map<String, String> pinned = new LinkedHashMap<>();

    private ReleaseImages(ComposeModel model) {
        this.model = model;
        for (String service : model.services()) {
            if (model.builds(service) && model.image(service).isEmpty()) {
                // stable across runs for the same build context: a cache with one name, never one image per run
                pinned.put(service, PIN_PREFIX + service + ":" + shortHash(model.buildContext(service).orElse(service)));
            }
        }
    }

    public static ReleaseImages of(ComposeModel model) {
        return new ReleaseImages(model);
    }

    /** Services whose image the gate names (build without image:), with the name. */
    public Map<String, String> pinned() {
        return pinned;
    }

    /** Writes the pin file (compose reads JSON as YAML) into {@code dir}; empty when nothing needs a name. */
    public Optional<Path> writePins(Path dir) {
        if (pinned.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> services = new LinkedHashMap<>();
        pinned.forEach((service, image) -> services.put(service, Map.of("image", image)));
        Path file = dir.resolve("gate-image-pins.json");
        try {
            Files.writeString(file, new ObjectMapper().writeValueAsString(Map.of("services", services)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return Optional.of(file);
    }

    /** Every service that builds, with the image `up` will run. */
    public Map<String, String> imageNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String service : model.services()) {
            if (model.builds(service)) {
                names.put(service, pinned.getOrDefault(service, model.image(service).orElse(service)));
            }
        }
        return names;
    }

    /** What a build produced: the command's result and, per service, the image id now behind its name. */
    public record Build(CommandResult result, Map<String, String> ids) {
    }

    /** Builds (from cache when unchanged, never pulling) under the stable build project. */
    public Build build(ComposeCli compose, DockerEngine engine) {
        CommandResult result = compose.forProject(BUILD_PROJECT).run(BUILD_TIMEOUT, "build", "--quiet");
        Map<String, String> ids = new LinkedHashMap<>();
        if (result.ok()) {
            imageNames().forEach((service, image) -> ids.put(service, engine.client().inspectImageCmd(image).exec().getId()));
        }
        return new Build(result, ids);
    }

    /** Removes images named after the run's own compose project (a script that built under it, the platform's per-app tag); returns what it removed or could
     * not. */
    public static List<String> removeRunImages(DockerEngine engine, String project) {
        List<String> lines = new ArrayList<>();
        // compose names a built image <project>-<service>; Coolify's rewrite names it <uuid>_<service>
        for (Image image : engine.client().listImagesCmd().withFilter("reference", List.of(project + "-*", project + "_*")).exec()) {
            String name = image.getRepoTags() == null || image.getRepoTags().length == 0 ? image.getId() : image.getRepoTags()[0];
            try {
                engine.client().removeImageCmd(image.getId()).withForce(true).exec();
                lines.add("removed image " + name);
            } catch (RuntimeException e) {
                lines.add(PROBLEM + "image " + name + ": " + e.getMessage());
            }
        }
        return lines;
    }

    /** A short stable hash of a build context: the tag of the image built from it. */
    public static String shortHash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
