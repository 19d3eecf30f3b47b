package dev.orchestrator.gate.platform;

import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.stack.ComposeFailure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What one deploy did: each step with its command and result, in order; the deploy ends at the first failed step. */
public record Deployment(String platform, List<Step> steps) {

    /**
     * One step of a deploy: its name, the command line (or what it did without a command), and its outcome;
     * {@code platformsOwn}: a step of the platform's own machinery (its network, the stop of its old containers), whose
     * failure is the engine's or the model's, never the stack under test's (the build, {@code up} and the operator's
     * pre-deployment command are the stack's).
     */
    public record Step(String name, String command, boolean ok, String output, Duration took, boolean platformsOwn) {

        public Step(String name, String command, boolean ok, String output, Duration took) {
            this(name, command, ok, output, took, false);
        }

        public static Step of(String name, CommandResult result) {
            return new Step(name, String.join(" ", result.command()), result.ok(),
                    result.output().strip() + (result.ok() ? "" : (result.output().isBlank() ? "" : "\n") + "-> " + describe(result)), result.duration());
        }

        /** The same step, as the platform's own machinery. */
        Step asPlatformsOwn() {
            return new Step(name, command, ok, output, took, true);
        }

        private static String describe(CommandResult result) {
            return result.timedOut() ? "timed out after " + result.duration().toSeconds() + " s" : "exit " + result.exitCode();
        }

        /** A step that ran no command (nothing to do, or done through the Docker API). */
        public static Step done(String name, String what, Duration took) {
            return new Step(name, "", true, what, took);
        }

        public static Step failed(String name, String what, Duration took) {
            return new Step(name, "", false, what, took);
        }

        String line() {
            return (ok ? "ok  " : "FAIL") + String.format(" %s (%.1f s)", name, took.toMillis() / 1000.0)
                    + (command.isEmpty() ? ": " + output.lines().findFirst().orElse("") : ": $ " + command);
        }
    }

    public boolean ok() {
        return steps.stream().allMatch(Step::ok);
    }

    /** The step that failed, if one did. */
    public Optional<Step> failedStep() {
        return steps.stream().filter(s -> !s.ok()).findFirst();
    }

    /**
     * Why the deploy could not be judged, when a step of the platform's own machinery failed (its network: an engine out of
     * address pools; the stop of its old containers): the engine's or the model's fault, never the stack's.
     */
    public Optional<String> platformFault() {
        return failedStep().filter(Step::platformsOwn).map(s -> "the " + platform + " platform's own step '" + s.name() + "' failed ("
                + ComposeFailure.reasonLine(s.output()) + "): the engine or the platform's model, not the stack under test");
    }

    /** The output of the failed step (or of the last one), where a compose error shows. */
    public String output() {
        return failedStep().or(() -> steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1))).map(Step::output).orElse("");
    }

    /**
     * This deploy, when what it shows is the stack's doing; throws when a step of the platform's own machinery failed (the
     * criterion that deployed could not be evaluated: error, exit 2, never a failure of the stack).
     */
    public Deployment judgeable() {
        platformFault().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        return this;
    }

    /** Why compose refused, when it was a held port or name. */
    public Optional<ComposeFailure> why() {
        return ComposeFailure.classify(output());
    }

    /** The line of the output that carries the reason. */
    public String reasonLine() {
        return ComposeFailure.reasonLine(output());
    }

    public Duration took() {
        return steps.stream().map(Step::took).reduce(Duration.ZERO, Duration::plus);
    }

    /** One line per step: what ran, in order (the report's evidence of the platform's sequence). */
    public String commands() {
        return String.join("\n", steps.stream().map(Step::line).toList());
    }

    /** The last lines of the failed (or last) step's output. */
    public String tail(int lines) {
        String[] all = output().strip().split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
