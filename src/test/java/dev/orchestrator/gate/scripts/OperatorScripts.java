package dev.orchestrator.gate.scripts;

import dev.orchestrator.gate.config.GateSettings;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            return where + (workdir.isEmpty() ? "" : ", in " + workdir) + ", with " + (variables.isEmpty() ? "no variables of the gate's" : String.join(", ", variables));
        }
    }

    /** The environment a host script gets: the login basics of this shell, DOCKER_HOST, and the operator's pairs and env file; nothing else. */
    public Map<String, String> hostEnvironment(Map<String, String> inherited) {
        Map<String, String> env = new java.util.TreeMap<>();
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

    /** Runs the script at {@code path} inside {@code container} ({@code docker exec <container> sh -c '<path>'}), as a script run in the container does. */
    public Run inContainer(String container, String path, Duration limit) {
        List<String> command = new ArrayList<>(List.of("docker", "exec"));
        settings.environment().forEach((k, v) -> command.addAll(List.of("-e", k + "=" + v)));
        command.addAll(List.of(container, "sh", "-c", path));
        CommandResult result = Commands.run(limit, command, DockerEngine.cliEnvironment(), null);
        return new Run("inside the container " + container, path, "", List.copyOf(settings.environment().keySet()), result);
    }
}
