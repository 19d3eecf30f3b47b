package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.model.Info;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Whether this machine's bind probe and listener table see the ports the engine publishes. They do
 * not when the engine runs elsewhere (a remote DOCKER_HOST) or in a VM (Docker Desktop); the host
 * parts of the port scenario are then not applicable, never a false failure.
 */
public final class HostProbes {

    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private HostProbes() {
    }

    /** Empty when host probes apply; otherwise the reason they do not. */
    public static Optional<String> notApplicableBecause(Info engineInfo, String dockerHost) {
        URI host = URI.create(dockerHost);
        if (("tcp".equals(host.getScheme()) || "ssh".equals(host.getScheme())) && !LOCAL.contains(String.valueOf(host.getHost()))) {
            return Optional.of("the engine is remote (DOCKER_HOST=" + dockerHost + "): this machine's ports are not the engine's");
        }
        String os = String.valueOf(engineInfo.getOperatingSystem());
        if (os.contains("Docker Desktop")) {
            return Optional.of("Docker Desktop publishes ports from its VM: the host's socket table does not show their owner");
        }
        return Optional.empty();
    }
}
