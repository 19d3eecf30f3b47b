package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.platform.Deployment;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.StaleHolders;
import dev.orchestrator.gate.stack.ComposeFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AC-01: the hazard is real on this host before its fix is credited. Each stale holder is planted in turn,
 * none of them the platform's own, and the platform's deploy must fail because of it, for the reason that
 * holder causes.
 */
public final class StaleDeployBlocks implements Check {

    private final StackTarget stack;
    private final StaleHolders holders;

    public StaleDeployBlocks(StackTarget stack, StaleHolders holders) {
        this.stack = stack;
        this.holders = holders;
    }

    @Override
    public Outcome check(Findings findings) {
        List<String> lines = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        // a name the platform passes by (Coolify's timestamped names) is a negative control: it is planted beside the
        // positive control and proven not to block in that same deploy (one deploy for both controls)
        boolean nameBlocks = stack.platform().nameHazard().blocks();
        Optional<StaleHolders.Holder> own = holders.ownEarlierDeploy();
        Optional<StaleHolders.Holder> passedBy = Optional.empty();
        if (own.isPresent()) {
            try {
                passedBy = nameBlocks ? Optional.empty() : Optional.of(holders.nameHolder());
            } catch (RuntimeException e) {
                holders.removeOwnEarlierDeploy();
                return plantingFailed(e);
            }
            Optional<Outcome> wrongModel = controls(own.get(), passedBy, findings, lines, problems);
            if (wrongModel.isPresent()) {
                return wrongModel.get();
            }
        }
        StaleHolders.Holder earlier;
        try {
            earlier = holders.earlierDeploy();
        } catch (RuntimeException e) {
            return plantingFailed(e);
        }
        attempt(earlier, findings, lines, problems);
        holders.stopEarlierDeploy(); // a stopped stale deploy, as after a failed redeploy
        // each attempt meets one cause: a name that blocks is met last (it stays planted for the cleanup); a name the platform
        // passes by, without a positive control to share a deploy with, is met before the host process
        if (!nameBlocks && passedBy.isEmpty()) {
            Optional<Outcome> wrongModel = passedBy(holders.nameHolder(), findings, lines, problems);
            if (wrongModel.isPresent()) {
                return wrongModel.get();
            }
        }
        Optional<StaleHolders.Holder> process = holders.hostProcess();
        if (process.isPresent()) {
            holders.hostProcessCommandLine().ifPresent(cmd -> findings.evidence("b) host process command line", cmd));
            attempt(process.get(), findings, lines, problems);
        } else {
            lines.add("b) host process not applicable: " + stack.hostProbesNotApplicable().orElse("?"));
        }
        if (nameBlocks) {
            attempt(holders.nameHolder(), findings, lines, problems);
        }
        return Outcome.of(problems, "stale holders block the deploy: " + String.join("; ", lines));
    }

    /** The gate's planting, not the stack: could not be evaluated. */
    private static Outcome plantingFailed(RuntimeException e) {
        return Outcome.error("the stale port holders could not be planted (" + e.getMessage()
                + "): the hazard is not reproduced on this host, so its fix cannot be credited");
    }

    /**
     * The controls, in one deploy: the application's own earlier deploy on the port (the platform removes it itself)
     * and, when the platform passes it by, a stopped container under the name the operator's file gives; the deploy
     * must succeed. A model that blocks on either is wrong (error, not the stack's failure).
     */
    private Optional<Outcome> controls(StaleHolders.Holder own, Optional<StaleHolders.Holder> passedBy, Findings findings, List<String> lines,
            List<Problem> problems) {
        // the control is about the platform's own removal (step 3): whatever a pre-deployment command would do is AC-02's
        Deployment deploy = stack.platform().deploy(true).judgeable();
        findings.evidence(own.label(), "holder: " + own.description() + "\n" + deploy.commands() + "\n" + deploy.tail(6));
        passedBy.ifPresent(name -> findings.evidence(name.label(), "holder: " + name.description() + ", planted before the positive control's deploy (above)"));
        // the port is free again for the holders below: the control's containers of the service are the run's own, killed at once
        stack.serviceContainers().forEach(c -> stack.engine().client().removeContainerCmd(c.getId()).withForce(true).exec());
        if (deploy.ok()) {
            lines.add("positive control: the application's own earlier deploy on the port was removed by the " + stack.platform().name()
                    + " deploy, which succeeded");
            passedBy.ifPresent(name -> lines.add("c) did not block, as on the platform: " + name.description() + " (negative control, in the same deploy)"));
            return Optional.empty();
        }
        holders.removeOwnEarlierDeploy();
        stack.platform().clearFailedDeploy(stack.service());
        if (passedBy.isPresent() && deploy.why().filter(ComposeFailure.NAME_CONFLICT::equals).isPresent()) {
            return Optional
                    .of(Outcome
                    .error("the " + stack.platform().name() + " model blocked on " + passedBy.get().description() + ", which the platform never meets ("
                    + passedBy.get().label() + "): " + deploy.reasonLine() + "; the model is wrong, not the stack"));
        }
        if (deploy.why().isPresent()) {
            // the platform removes its own earlier containers: a model that blocks on one (its port, its name) is not the platform
            return Optional.of(Outcome.error("the " + stack.platform().name() + " model blocked on a container of an earlier deploy of the same application ("
                    + own.description() + "): " + deploy.reasonLine() + "; the model is wrong, not the stack"));
        }
        lines.add("positive control: the deploy failed for another reason: " + deploy.reasonLine());
        problems.add(Problem.of(ProblemCode.DEPLOY_FAILED_OTHERWISE, own.label() + ": compose failed for another reason than expected (the deploy should have"
                + " succeeded): " + deploy.reasonLine()));
        return Optional.empty();
    }

    /**
     * A negative control: a holder the platform does not meet (its names are not the operator's) must not block.
     * The deploy's containers of the service are the run's own, removed at once so that the port scenario goes on.
     */
    private Optional<Outcome> passedBy(StaleHolders.Holder holder, Findings findings, List<String> lines, List<Problem> problems) {
        Deployment deploy = stack.platform().deploy().judgeable();
        findings.evidence(holder.label(), "holder: " + holder.description() + "\n" + deploy.commands() + "\n" + deploy.tail(6));
        stack.serviceContainers().forEach(c -> stack.engine().client().removeContainerCmd(c.getId()).withForce(true).exec());
        if (!deploy.ok()) {
            stack.platform().clearFailedDeploy(stack.service());
            if (deploy.why().filter(ComposeFailure.NAME_CONFLICT::equals).isPresent()) {
                return Optional
                        .of(Outcome.error("the " + stack.platform().name() + " model blocked on " + holder.description() + ", which the platform never meets ("
                        + holder.label() + "): " + deploy.reasonLine() + "; the model is wrong, not the stack"));
            }
            lines.add("c) negative control: the deploy failed for another reason: " + deploy.reasonLine());
            problems.add(Problem.of(ProblemCode.DEPLOY_FAILED_OTHERWISE, holder.label() + ": compose failed for another reason than expected (the deploy should"
                    + " have passed it by): " + deploy.reasonLine()));
            return Optional.empty();
        }
        lines.add("c) did not block, as on the platform: " + holder.description() + " (negative control)");
        return Optional.empty();
    }

    /** One deploy against one holder: it must fail, for the reason the holder causes. */
    private void attempt(StaleHolders.Holder holder, Findings findings, List<String> lines, List<Problem> problems) {
        Deployment deploy = stack.platform().deploy().judgeable();
        findings.evidence(holder.label(), "holder: " + holder.description() + "\n" + deploy.commands() + "\n" + deploy.tail(6));
        String code = holder.label().substring(0, 2);
        if (deploy.ok()) {
            lines.add(code + " deploy SUCCEEDED despite " + holder.description());
            problems.add(Problem.of(ProblemCode.HAZARD_NOT_REPRODUCED, holder.label() + " planted (" + holder.description() + "), yet the deploy succeeded:"
                    + " the hazard is not reproduced on this host, so a fix cannot be credited"));
        } else {
            lines.add(code + " " + deploy.why().map(ComposeFailure::meaning).orElse("unrecognised reason") + ": " + holder.description());
            if (deploy.why().filter(holder.blocks()::equals).isEmpty()) {
                problems.add(Problem.of(ProblemCode.DEPLOY_FAILED_OTHERWISE, holder.label() + ": compose failed for another reason than expected ("
                        + holder.blocks().meaning() + "): " + deploy.reasonLine()));
            }
        }
        stack.platform().clearFailedDeploy(stack.service()); // so that the next holder is the only cause
    }
}
