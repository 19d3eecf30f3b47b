package dev.orchestrator.gate.process;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What an external command did: exit code (or timed out), duration, and what it wrote to stdout and to stderr. */
public record CommandResult(List<String> command, int exitCode, boolean timedOut, Duration duration, String stdout, String stderr) {

    /** Both streams, stdout first: for evidence and for error texts that may come on either. */
    public String output() {
        return stderr.isBlank() ? stdout : stdout.isBlank() ? stderr : stdout.stripTrailing() + "\n" + stderr;
    }

    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** The last {@code lines} lines of output, for evidence. */
    public String tail(int lines) {
        String[] all = output().strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", Arrays.copyOfRange(all, from, all.length));
    }

    public String describe() {
        String what = String.join(" ", command);
        return timedOut ? what + " timed out after " + duration.toSeconds() + " s"
                : what + " exited " + exitCode + " after " + duration.toMillis() + " ms";
    }
}
