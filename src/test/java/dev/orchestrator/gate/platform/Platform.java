package dev.orchestrator.gate.platform;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.stack.ComposeCli;
import dev.orchestrator.gate.stack.ReleaseImages;

import java.util.Map;
import java.util.Optional;

/**
 * How the service is deployed on its host: the steps one deploy has, in the platform's order. Phases ask
 * the platform to deploy; they never branch on which one it is (Coolify's sequence, plain compose, and
 * later others are implementations of this).
 */
public interface Platform {

    /** How the report names the model ("coolify", "compose"). */
    String name();

    /** The compose project the platform deploys into, with the files as the platform uses them. */
    ComposeCli compose();

    /** One deploy of the release, every step as the platform runs it; a failed step ends the deploy. */
    Deployment deploy();

    /** As {@link #deploy()}, when the deploy's pre-deployment command already ran on its own (AC-02 ran the cleanup so). */
    default Deployment deploy(boolean preDeploymentDone) {
        return deploy();
    }

    /** Builds the release's images as the platform does (before the scenario: a cold build never counts against a criterion). */
    ReleaseImages.Build build();

    /** Every service that builds, with the image its deploy runs. */
    Map<String, String> imageNames();

    /** The compose project its builds are labelled with (the images a build leaves carry it). */
    String buildProject();

    /**
     * Clears what a deploy that failed on a planted holder left of the service, so that the next holder is the
     * only cause of the next failure. Plain compose would reuse its half-created container, so it is removed;
     * Coolify's next deploy removes it itself (step 3: every container with the app's label), so nothing is done.
     */
    void clearFailedDeploy(String service);

    /** The container name the service gets in the next deploy (never a name to plant a holder under: see {@link #nameHazard}). */
    String nextContainerName();

    /**
     * The stale-name hazard as this platform meets it (AC-01 (c)): a stopped container under {@code name}, not the
     * platform's, and whether the next deploy must fail on it with a name conflict ({@code blocks}) or pass it by
     * ({@code why} says which, from what the platform does with names).
     */
    record NameHazard(String name, boolean blocks, String why) {
    }

    NameHazard nameHazard();

    /** Whether {@code containerName} is a name this platform gives the service ({@code <service>-<uuid>...} on Coolify; compose's own). */
    boolean namesService(String containerName);

    /** True for a container the platform itself manages (and so removes on its next deploy). */
    boolean manages(Container container);

    /** A container of an earlier deploy of the same application, as the platform made it: its name and labels (the platform's own to remove). */
    record EarlierDeploy(String name, Map<String, String> labels) {
    }

    /** What an earlier deploy of this application left, which the platform's next deploy removes itself; empty when the model has none to show. */
    default Optional<EarlierDeploy> earlierDeploy() {
        return Optional.empty();
    }

    /**
     * The labels that select the containers the platform's proxy routes users of {@code service} to (Coolify: the
     * application's id and the compose service); empty when the model has no proxy in front of the service.
     */
    default Optional<Map<String, String>> proxyRoutes(String service) {
        return Optional.empty();
    }

    /** The compose file as the platform rewrote it, when it rewrites it. */
    default Optional<String> rewrittenFile() {
        return Optional.empty();
    }

    /** What the report records of the model (application uuid and id, project, ...). */
    Map<String, Object> describe();
}
