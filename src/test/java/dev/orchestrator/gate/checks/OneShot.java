package dev.orchestrator.gate.checks;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.run.StackTarget;

import java.util.Optional;

/**
 * A one-shot service (a {@code migrate} that runs and exits): it exited 0 and is not meant to keep running, because its
 * compose file says so, {@code restart: "no"} written out (a service without a restart key that exits is not one-shot:
 * the engine's default is only what nobody chose), or another service waits for it with
 * {@code service_completed_successfully}. Such a service is done, not down; one that exited non-zero is down.
 */
final class OneShot {

    private OneShot() {
    }

    /** "migrate: migrate-1 exited 0 (restart: no)", when {@code c} is a one-shot service that completed; empty otherwise. */
    static Optional<String> of(StackTarget stack, String service, Container c) {
        Optional<InspectContainerResponse> inspect = stack.engine().inspect(c.getId());
        if (inspect.isEmpty() || !"exited".equals(inspect.get().getState().getStatus())
                || !Long.valueOf(0).equals(inspect.get().getState().getExitCodeLong())) {
            return Optional.empty();
        }
        boolean awaited = stack.model().completionAwaited(service);
        if (!stack.model().restartsNever(service) && !awaited) {
            return Optional.empty();
        }
        return Optional.of(service + ": " + DockerEngine.name(c) + " exited 0, a one-shot service ("
                + (awaited ? "another service waits for it with service_completed_successfully" : "restart: no") + ")");
    }

    /** " (exit code 1)" for a container that is not running, for the summary; "" when it has no exit code. */
    static String exit(StackTarget stack, Container c) {
        return stack.engine().inspect(c.getId()).map(i -> i.getState().getExitCodeLong()).map(code -> " (exit code " + code + ")").orElse("");
    }
}
