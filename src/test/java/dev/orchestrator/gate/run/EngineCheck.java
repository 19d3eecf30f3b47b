package dev.orchestrator.gate.run;

import com.github.dockerjava.api.model.Info;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.HostProbes;
import dev.orchestrator.gate.failure.GateRefusedException;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;
import org.testcontainers.dockerclient.EnvironmentAndSystemPropertyClientProviderStrategy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The engine the run acts on, checked before anything is created: the compose plugin answers, the
 * engine answers through the CLI and through the Docker client, and both are the same engine.
 */
record EngineCheck(DockerEngine engine, String engineVersion, String composeVersion, Optional<String> hostProbesNotApplicable) {

    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(15);

    /** Throws {@link GateRefusedException} with one line naming what is missing. */
    static EngineCheck perform() {
        // the Docker client starts (class loading, strategy, ping: most of a second) while the CLI answers
        CompletableFuture<DockerEngine> client = CompletableFuture.supplyAsync(DockerEngine::new);
        CommandResult version = Commands.run(CLI_TIMEOUT, List.of("docker", "compose", "version", "--short"), DockerEngine.cliEnvironment(), null);
        if (!version.ok()) {
            throw new GateRefusedException("the docker compose v2 plugin does not answer (" + version.tail(2).strip()
                    + "): run fixtures/engine/ensure-engine.sh or install docker-compose-plugin");
        }
        // the engine compose will act on (DOCKER_HOST), asked through the same CLI
        CommandResult cliInfo = Commands.run(CLI_TIMEOUT, List.of("docker", "info", "--format", "{{.ID}}"), DockerEngine.cliEnvironment(), null);
        if (!cliInfo.ok() || cliInfo.stdout().isBlank()) {
            throw new GateRefusedException("the Docker engine is not reachable (DOCKER_HOST=" + DockerEngine.dockerHost() + "): "
                    + cliInfo.tail(1).strip() + "; start it (fixtures/engine/ensure-engine.sh) and run again");
        }
        DockerEngine engine;
        String engineVersion;
        try {
            engine = client.join();
            engineVersion = engine.engineVersion();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new GateRefusedException("the Docker engine is not reachable through the Docker client (DOCKER_HOST=" + DockerEngine.dockerHost() + "): "
                    + cause.getMessage() + "; start it (fixtures/engine/ensure-engine.sh) and run again");
        }
        Info info = engine.client().infoCmd().exec();
        if (!cliInfo.stdout().strip().equals(info.getId())) {
            throw new GateRefusedException("the Docker client inspects engine " + info.getId() + " but docker compose acts on engine "
                    + cliInfo.stdout().strip() + " (DOCKER_HOST=" + DockerEngine.dockerHost() + "): set TESTCONTAINERS_DOCKER_CLIENT_STRATEGY="
                    + EnvironmentAndSystemPropertyClientProviderStrategy.class.getName());
        }
        return new EngineCheck(engine, engineVersion, version.stdout().strip(), HostProbes.notApplicableBecause(info, DockerEngine.dockerHost()));
    }
}
