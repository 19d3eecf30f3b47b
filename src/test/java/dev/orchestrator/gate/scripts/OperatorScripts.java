package dev.orchestrator.gate.scripts;

import dev.orchestrator.gate.config.GateSettings;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the operator's cleanup and reboot scripts as production runs them (catalogue, "Operator scripts run as
 * production runs them"): on the host with the login basics of an operator's shell (an allowlist), DOCKER_HOST and
 * the pairs the operator configured, in the folder the operator names (default the script's own); or inside the
 * service's running container with {@code docker exec}. Never with CI's secrets, the gate's COMPOSE_PROJECT_NAME or
 * COMPOSE_FILE, nor its own settings: a script that passes only because the gate gave it something breaks the next deploy.
 */
public final class OperatorScripts {

    /**
     * What a host script takes from the gate's process: the login basics an operator's shell has. Nothing else (an
     * allowlist): CI's exported secrets, compose's variables, DOCKER_CONTEXT and the gate's own settings never reach it.
     */
    static final Set<String> LOGIN_BASICS = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "TZ", "TERM");
    /** The locale's variables ({@code LC_ALL}, {@code LC_CTYPE}, ...) are login basics too. */
    private static final String LOCALE_PREFIX = "LC_";

    private final GateSettings.Scripts settings;

    public OperatorScripts(GateSettings.Scripts settings) {
        this.settings = settings;
    }

    /** How a script ran: where (host, or inside which container), the command, the folder, the names of the variables it got, and its result. */
    public record Run(String where, String command, String workdir, List<String> variables, CommandResult result) {
        /** "on the host, in fixtures/scripts, with DOCKER_HOST, HOME, ..., PATH" (the names of what it got, never the values). */
        public String describe() {
            return where + (workdir.isEmpty() ? "" : ", in " + workdir) + ", with "
                    + (variables.isEmpty() ? "no variables of the gate's" : String.join(", ", variables));
        }
    }

    /** The environment a host script gets: the login basics of this shell, DOCKER_HOST, and the operator's pairs and env file; nothing else. */
    public Map<String, String> hostEnvironment(Map<String, String> inherited) {
        Map<String, String> env = new TreeMap<>();
        inherited.forEach((k, v) -> {
            if (LOGIN_BASICS.contains(k) || k.startsWith(LOCALE_PREFIX)) {
                env.put(k, v);
            }
        });
        env.put("DOCKER_HOST", DockerEngine.dockerHost());
        env.putAll(settings.environment());
        return env;
    }

    /** Runs {@code script} on the host, as the operator does by hand. */
    public Run onHost(Path script, Duration limit) {
        Path workdir = settings.workdir().orElse(script.getParent());
        // the child gets exactly this environment: what the gate's own process has beyond it is taken away
        Map<String, String> env = hostEnvironment(System.getenv());
        CommandResult result = Commands.runWithExactly(limit, List.of(script.toString()), env, workdir);
        return new Run("on the host", script.toString(), workdir.toString(), List.copyOf(env.keySet()), result);
    }

    /**
     * Runs the script at {@code path} inside {@code container} ({@code docker exec <container> sh -c '<path>'}), as a script run in
     * the container does. Its variables reach it through an env file only the gate's user can read, removed right after: never on
     * a command line, where every user of the host sees them in {@code ps}.
     */
    public Run inContainer(String container, String path, Duration limit) {
        Path envFile = null;
        try {
            if (!settings.environment().isEmpty()) {
                envFile = Files.createTempFile("ogate-script-env-", ".env", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(envFile, envFileText(settings.environment()));
            }
            CommandResult result = Commands.run(limit, containerCommand(container, path, Optional.ofNullable(envFile)), DockerEngine.cliEnvironment(), null);
            return new Run("inside the container " + container, path, "", List.copyOf(settings.environment().keySet()), result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the script's environment for docker exec", e);
        } finally {
            if (envFile != null) {
                try {
                    Files.deleteIfExists(envFile);
                } catch (IOException ignored) { // in the system's temporary folder, readable by the gate's user only
                }
            }
        }
    }

    /** {@code docker exec [--env-file <file>] <container> sh -c <path>}: the variables' values never on the command line. */
    static List<String> containerCommand(String container, String path, Optional<Path> envFile) {
        List<String> command = new ArrayList<>(List.of("docker", "exec"));
        envFile.ifPresent(f -> command.addAll(List.of("--env-file", f.toString())));
        command.addAll(List.of(container, "sh", "-c", path));
        return command;
    }

    /** The variables as docker's env file reads them: one KEY=VALUE a line, taken literally (a value cannot span lines there). */
    static String envFileText(Map<String, String> environment) {
        StringBuilder text = new StringBuilder();
        environment.forEach((k, v) -> {
            if (v.contains("\n")) {
                throw new IllegalStateException("the script's variable " + k + " has a value over several lines, which docker exec's env file cannot carry");
            }
            text.append(k).append('=').append(v).append('\n');
        });
        return text.toString();
    }
}
