package dev.orchestrator.gate.platform;

import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.stack.ComposeFailure;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What one deploy did: each step with its command and result, in order; the deploy ends at the first failed step. */
public record Deployment(String platform, List<Step> steps) {

    /** One step of a deploy: its name, the command line (or what it did without a command), and its outcome. */
    public record Step(String name, String command, boolean ok, String output, Duration took) {

        public static Step of(String name, CommandResult result) {
            return new Step(name, String.join(" ", result.command()), result.ok(),
                    result.output().strip() + (result.ok() ? "" : (result.output().isBlank() ? "" : "\n") + "-> " + describe(result)), result.duration());
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

    /** The output of the failed step (or of the last one), where a compose error shows. */
    public String output() {
        return failedStep().or(() -> steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1))).map(Step::output).orElse("");
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
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
