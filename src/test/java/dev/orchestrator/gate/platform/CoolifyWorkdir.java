package dev.orchestrator.gate.platform;

import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Coolify keeps an application's deploy files: the rewritten {@code docker-compose.yaml} and its {@code .env},
 * and how it runs compose on them ({@code --env-file <workdir>/.env --project-name <uuid> --project-directory <workdir>}).
 */
record CoolifyWorkdir(CoolifyApp app, Path dir) {

    static final String COMPOSE_FILE = "docker-compose.yaml";
    static final String ENV_FILE = ".env";

    Path composeFile() {
        return dir.resolve(COMPOSE_FILE);
    }

    /** `docker compose` on the rewritten file, as Coolify calls it. */
    List<String> compose(String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "--env-file", dir.resolve(ENV_FILE).toString(), "--project-name", app.uuid(),
                "--project-directory", dir.toString(), "-f", composeFile().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** A docker command on the engine the gate acts on (DOCKER_HOST), bounded by {@code timeout}. */
    CommandResult run(Duration timeout, List<String> command) {
        return Commands.run(timeout, command, DockerEngine.cliEnvironment(), dir);
    }
}
