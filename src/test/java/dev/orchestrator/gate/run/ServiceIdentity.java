package dev.orchestrator.gate.run;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How the gate knows the service (catalogue, "The service's identity"): its compose service label, the container
 * names its file and the platform give it, and the port it publishes; {@code acceptance.container-name-pattern}, when
 * set, adds the names it matches. A neighbour whose name merely starts like the service's (the real host ran
 * {@code orchestrator-ts} beside it) is not the service; it is only "named like" it, which pre-flight still refuses
 * beside, because a cleanup script that matches names may reach it.
 *
 * @param fileName      the {@code container_name} the operator's file gives the service, if any
 * @param platformNames the names the platform gives it ({@code <service>-<uuid>...} on Coolify, compose's own names)
 * @param override      acceptance.container-name-pattern, when the operator set it
 */
public record ServiceIdentity(String service, Optional<String> fileName, Predicate<String> platformNames, Optional<Pattern> override, int port,
                              Optional<String> run, Predicate<Container> platformManages) {

    /** The identity pre-flight knows, before the run has a platform: the file's name, the label, the port; every run's containers count. */
    public static ServiceIdentity beforeTheRun(String service, Optional<String> fileName, Optional<Pattern> override, int port) {
        return new ServiceIdentity(service, fileName, name -> false, override, port, Optional.empty(), c -> false);
    }

    /** Named as the service: the file's container_name, a name the platform gives it, or the operator's pattern. */
    public boolean named(String containerName) {
        return fileName.filter(containerName::equals).isPresent() || platformNames.test(containerName)
                || override.map(p -> p.matcher(containerName).find()).orElse(false);
    }

    /** Carries the service's compose service label (in any project: a script's {@code docker compose up} from the app folder included). */
    public boolean labelled(Container c) {
        return c.getLabels() != null && service.equals(c.getLabels().get(GateLabels.COMPOSE_SERVICE));
    }

    /** Publishes the service's port on the host. */
    public boolean publishesThePort(Container c) {
        return DockerEngine.publishes(c, port);
    }

    /** The service by any of its marks: a name, its label, its port; never a container of another gate run going on beside this one. */
    public boolean is(Container c) {
        return platformManages.test(c) && labelled(c) || !ofAnotherRun(c) && (named(DockerEngine.name(c)) || labelled(c) || publishesThePort(c));
    }

    /**
     * A container another gate run created: its run label, or its compose project {@code ogate-<run id>} (the compose
     * model's containers carry only that), names another run (a run on another port of the same engine, the soak lane).
     */
    public boolean ofAnotherRun(Container c) {
        if (run.isEmpty() || c.getLabels() == null || platformManages.test(c)) {
            return false;
        }
        String project = c.getLabels().getOrDefault(GateLabels.COMPOSE_PROJECT, "");
        String owner = c.getLabels().getOrDefault(GateLabels.RUN,
                project.startsWith(GateLabels.PROJECT_PREFIX) ? project.substring(GateLabels.PROJECT_PREFIX.length()) : "");
        return !owner.isEmpty() && !owner.equals(run.get());
    }

    /** What pre-flight refuses beside for safety: names containing the service's (or the operator's pattern). */
    public Pattern likeness() {
        return override.orElse(Pattern.compile(Pattern.quote(service)));
    }

    /** "orchestrator_3_stream, orchestrator-<uuid>-..., compose service label orchestrator, port 9403", for messages. */
    public String marks() {
        return String.join(", ", Stream.of(fileName.map(n -> "name " + n), override.map(p -> "names matching /" + p + "/"),
                Optional.of("compose service label " + service), Optional.of("port " + port)).flatMap(Optional::stream).toList());
    }
}
