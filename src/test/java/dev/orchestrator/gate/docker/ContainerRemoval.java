package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.exception.ConflictException;
import dev.orchestrator.gate.await.Waits;

import java.time.Duration;

/** Removes a container of the gate's, waiting (bounded) for a removal of it that is already under way elsewhere. */
public final class ContainerRemoval {

    /** How long a removal already under way may take before it is a problem (a removal of a killed container: about a second). */
    private static final Duration UNDER_WAY = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private ContainerRemoval() {
    }

    /**
     * Removes {@code id} with its anonymous volumes, killing it if it runs. Docker answers 409 "removal ... is already in
     * progress" when another remover got there first: on an interrupt, Testcontainers' own JVM shutdown hook (Ryuk is off
     * here) removes the containers the gate planted through it while the gate's teardown does; compose down removes its
     * project's. Such a container is waited for until it is gone; a removal that does not end in time is the 409, thrown.
     * A container that is not there is the caller's to judge ({@code NotFoundException}).
     */
    public static void remove(DockerEngine engine, String id, String name) {
        try {
            engine.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (ConflictException e) {
            if (!String.valueOf(e.getMessage()).contains("already in progress")
                    || !Waits.until("the removal of container " + name + " under way ends", UNDER_WAY, POLL, () -> engine.inspect(id).isEmpty())) {
                throw e;
            }
        }
    }
}
