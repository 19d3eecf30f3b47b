package dev.orchestrator.gate.platform;

/** One step of Coolify's sequence for a compose application (coolify-deploy.md, "One deploy, in order"). */
interface CoolifyStep {

    /** What the step did; a failed step ends the deploy (except the post-deployment command, which Coolify only logs). */
    Deployment.Step run(CoolifyWorkdir workdir);
}
