package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.command.InspectImageResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image behind each name before the run's build, put back at its end: a build under the platform's
 * project (Coolify's is named after the application, new each run) moves a shared name such as
 * {@code orchestrator-gate-db:1} to an image labelled with that project, and without this the image the
 * name held before, or the run's own build, would be left without a name on the engine by every run.
 */
public final class ImageNames {

    private final DockerEngine engine;
    private final String project;
    private final Map<String, String> before;

    private ImageNames(DockerEngine engine, String project, Map<String, String> before) {
        this.engine = engine;
        this.project = project;
        this.before = before;
    }

    /** What each of {@code names} points to now (names without an image are not remembered: nothing to put back). */
    public static ImageNames remember(DockerEngine engine, String project, Iterable<String> names) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String name : names) {
            engine.image(name).ifPresent(image -> ids.put(name, image.getId()));
        }
        return new ImageNames(engine, project, ids);
    }

    /**
     * Points each name the run's build moved back to the image it held before (a name someone else moved
     * meanwhile, or whose earlier image is gone, is left as it is), then removes every image of the run's
     * build that is left without a name. Returns one line per change, and problems prefixed with {@code problem}.
     */
    public List<String> restore(String problem) {
        List<String> lines = new ArrayList<>();
        before.forEach((name, id) -> {
            Optional<InspectImageResponse> now = engine.image(name);
            if (now.isEmpty() || now.get().getId().equals(id) || !builtByTheRun(now.get()) || engine.image(id).isEmpty()) {
                return;
            }
            int colon = name.lastIndexOf(':');
            boolean tagged = colon > name.lastIndexOf('/');
            try {
                engine.client().tagImageCmd(id, tagged ? name.substring(0, colon) : name, tagged ? name.substring(colon + 1) : "latest").withForce().exec();
                lines.add("put the name " + name + " back on " + shortId(id) + " (it named the run's build " + shortId(now.get().getId()) + ")");
            } catch (RuntimeException e) {
                lines.add(problem + "image name " + name + ": " + e.getMessage());
            }
        });
        // the run's builds without a name now: moved off by the lines above, or by another run's build meanwhile
        for (var image : engine.client().listImagesCmd().withDanglingFilter(true).withLabelFilter(Map.of(GateLabels.COMPOSE_PROJECT, project)).exec()) {
            try {
                engine.client().removeImageCmd(image.getId()).exec();
                lines.add("removed the run's build " + shortId(image.getId()) + " (no name left)");
            } catch (RuntimeException e) {
                lines.add(problem + "image " + shortId(image.getId()) + ": " + e.getMessage());
            }
        }
        return lines;
    }

    private boolean builtByTheRun(InspectImageResponse image) {
        Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
        return labels != null && project.equals(labels.get(GateLabels.COMPOSE_PROJECT));
    }

    private static String shortId(String id) {
        return id.replaceFirst("^sha256:", "").substring(0, 12);
    }
}
