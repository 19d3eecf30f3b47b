package dev.orchestrator.gate.platform;

import java.time.Duration;

/** Step 5: {@code docker compose --env-file <workdir>/.env --project-name <uuid> --project-directory <workdir> -f <workdir>/docker-compose.yaml up -d}. */
final class UpStep implements CoolifyStep {

    static final Duration TIMEOUT = Duration.ofSeconds(240);

    @Override
    public Deployment.Step run(CoolifyWorkdir workdir) {
        return Deployment.Step.of("up", workdir.run(TIMEOUT, workdir.compose("up", "-d")));
    }
}
