package dev.orchestrator.gate.platform;

import java.time.Duration;

/**
 * Step 2: {@code docker compose ... --project-name <uuid> build}. Coolify adds {@code --pull}; here no registry is
 * reachable and images are never pulled, so the gate leaves it out (and says so in the step's line).
 */
final class BuildStep implements CoolifyStep {

    static final Duration TIMEOUT = Duration.ofSeconds(900);

    @Override
    public Deployment.Step run(CoolifyWorkdir workdir) {
        Deployment.Step step = Deployment.Step
                .of("build (without --pull: images are never pulled here)", workdir.run(TIMEOUT, workdir.compose("build", "--quiet")));
        return step;
    }
}
