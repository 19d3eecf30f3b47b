package dev.orchestrator.gate.platform;

import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.process.CommandResult;

import java.time.Duration;
import java.util.List;

/** Step 4: the application's network, {@code docker network create --attachable <uuid>} if missing, connected to coolify-proxy. */
final class NetworkStep implements CoolifyStep {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String proxy;
    private final String runId;

    NetworkStep(String proxy, String runId) {
        this.proxy = proxy;
        this.runId = runId;
    }

    @Override
    public Deployment.Step run(CoolifyWorkdir workdir) {
        long start = System.nanoTime();
        String uuid = workdir.app().uuid();
        List<String> create = List.of("docker", "network", "create", "--attachable", "--label", GateLabels.RUN + "=" + runId, uuid);
        boolean exists = workdir.run(TIMEOUT, List.of("docker", "network", "inspect", uuid)).ok();
        CommandResult created = exists ? null : workdir.run(TIMEOUT, create);
        // as Coolify: `... connect <uuid> coolify-proxy >/dev/null 2>&1 || true` (already connected is fine)
        CommandResult connected = workdir.run(TIMEOUT, List.of("docker", "network", "connect", uuid, proxy));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (created != null && !created.ok()) {
            return Deployment.Step.of("network " + uuid, created).asPlatformsOwn();
        }
        return new Deployment
                .Step("network " + uuid, (exists ? "docker network inspect " + uuid : String.join(" ", create)) + "; docker network connect " + uuid + " "
                + proxy,
                true, (exists ? "network exists" : "network created") + "; "
                        + (connected.ok() ? proxy + " connected" : proxy + " not connected: " + connected.tail(1)), took, true);
    }
}
