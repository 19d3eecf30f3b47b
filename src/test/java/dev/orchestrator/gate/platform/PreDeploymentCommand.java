package dev.orchestrator.gate.platform;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.process.CommandResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 1: the pre-deployment command, when one is set: run INSIDE the application's running container
 * ({@code docker exec <container> sh -c '<command>'}), never on the host; skipped when none of the app's
 * containers runs. A non-zero exit fails the deployment.
 */
public final class PreDeploymentCommand implements CoolifyStep {

    static final String NAME = "pre-deployment command";
    public static final String SKIPPED = "Pre-deployment command: No running containers found. Skipping.";

    private final DockerEngine engine;
    private final String service;
    private final String command;
    private final Duration timeout;

    /** Coolify passes the command no variables of its own: it has the container's environment, nothing else. */
    PreDeploymentCommand(DockerEngine engine, String service, String command, Duration timeout) {
        this.engine = engine;
        this.service = service;
        this.command = command;
        this.timeout = timeout;
    }

    /** The running container of the app the command runs in (by the "container name" field: the prefix {@code <service>-<uuid>}), if any. */
    static Optional<Container> target(DockerEngine engine, CoolifyApp app, String service) {
        String prefix = service + "-" + app.uuid();
        List<Container> running = engine.client().listContainersCmd().withLabelFilter(Map.of("coolify.applicationId", String.valueOf(app.id()))).exec();
        return running.stream().filter(c -> DockerEngine.name(c).startsWith(prefix)).findFirst();
    }

    /** How the command ran: inside which container, with what result; or skipped (no container of the app runs). */
    public record Ran(Optional<String> container, String command, Optional<CommandResult> result) {
        public boolean skipped() {
            return container.isEmpty();
        }
    }

    Ran execute(CoolifyWorkdir workdir) {
        Optional<Container> container = target(engine, workdir.app(), service);
        if (container.isEmpty()) {
            return new Ran(Optional.empty(), command, Optional.empty());
        }
        List<String> exec = List.of("docker", "exec", DockerEngine.name(container.get()), "sh", "-c", command);
        return new Ran(Optional.of(DockerEngine.name(container.get())), command, Optional.of(workdir.run(timeout, exec)));
    }

    @Override
    public Deployment.Step run(CoolifyWorkdir workdir) {
        Ran ran = execute(workdir);
        return ran.result().map(r -> Deployment.Step.of(NAME + " inside " + ran.container().orElseThrow(), r))
                .orElse(Deployment.Step.done(NAME, SKIPPED, Duration.ZERO));
    }
}
