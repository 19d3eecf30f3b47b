package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image behind each name before the run's build, put back at its end: a build under the run's
 * compose project (Coolify's, named after the application) moves a shared name such as
 * {@code orchestrator-gate-db:1} to an image labelled with that project, and the image the name
 * held before would be left nameless on the engine by every run.
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
            inspect(engine, name).ifPresent(image -> ids.put(name, image.getId()));
        }
        return new ImageNames(engine, project, ids);
    }

    /**
     * Points each name the run's build moved back to the image it held before and removes the image
     * the run built under it; a name someone else moved meanwhile is left alone. Returns one line per
     * name put back, and problems prefixed with {@code problem}.
     */
    public List<String> restore(String problem) {
        List<String> lines = new ArrayList<>();
        before.forEach((name, id) -> {
            Optional<InspectImageResponse> now = inspect(engine, name);
            if (now.isEmpty() || now.get().getId().equals(id) || !builtByTheRun(now.get())) {
                return;
            }
            int colon = name.lastIndexOf(':');
            boolean tagged = colon > name.lastIndexOf('/');
            try {
                engine.client().tagImageCmd(id, tagged ? name.substring(0, colon) : name, tagged ? name.substring(colon + 1) : "latest").withForce().exec();
                String built = now.get().getId();
                List<String> stillNamed = inspect(engine, built).map(InspectImageResponse::getRepoTags).orElse(List.of());
                boolean orphaned = stillNamed == null || stillNamed.isEmpty(); // another name of the run's build keeps it: no leftover then
                if (orphaned) {
                    engine.client().removeImageCmd(built).exec();
                }
                lines.add("put the name " + name + " back on " + shortId(id) + " (the run's build " + shortId(built) + (orphaned ? " removed)" : " keeps its other names)"));
            } catch (RuntimeException e) {
                lines.add(problem + "image name " + name + ": " + e.getMessage());
            }
        });
        return lines;
    }

    private boolean builtByTheRun(InspectImageResponse image) {
        Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
        return labels != null && project.equals(labels.get(GateLabels.COMPOSE_PROJECT));
    }

    private static Optional<InspectImageResponse> inspect(DockerEngine engine, String name) {
        try {
            return Optional.of(engine.client().inspectImageCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static String shortId(String id) {
        return id.replaceFirst("^sha256:", "").substring(0, 12);
    }
}
