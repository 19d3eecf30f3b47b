package dev.orchestrator.gate.stack;

import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The `docker compose` CLI for one project: explicit project name, files, env file and profiles. */
public final class ComposeCli {

    private final String project;
    private final List<Path> files;
    private final Path projectDir;
    private Path envFile;
    private List<String> profiles = List.of();

    public ComposeCli(String project, List<Path> files, Path projectDir) {
        this.project = project;
        this.files = List.copyOf(files);
        this.projectDir = projectDir;
    }

    public ComposeCli withEnvFile(Path envFile) {
        this.envFile = envFile;
        return this;
    }

    public ComposeCli withProfiles(List<String> profiles) {
        this.profiles = List.copyOf(profiles);
        return this;
    }

    /** The same project with one more compose file on top (e.g. the gate's image pins). */
    public ComposeCli withFile(Path file) {
        List<Path> more = new ArrayList<>(files);
        more.add(file);
        ComposeCli other = new ComposeCli(project, more, projectDir);
        other.envFile = envFile;
        other.profiles = profiles;
        return other;
    }

    /** The same files under another project name (labels only; compose state is per project). */
    public ComposeCli forProject(String otherProject) {
        ComposeCli other = new ComposeCli(otherProject, files, projectDir);
        other.envFile = envFile;
        other.profiles = profiles;
        return other;
    }

    public String project() {
        return project;
    }

    public CommandResult run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", project, "--project-directory", projectDir.toString()));
        files.forEach(f -> command.addAll(List.of("-f", f.toString())));
        if (envFile != null) {
            command.addAll(List.of("--env-file", envFile.toString()));
        }
        profiles.forEach(p -> command.addAll(List.of("--profile", p)));
        command.addAll(List.of(args));
        return Commands.run(timeout, command, DockerEngine.cliEnvironment(), projectDir);
    }
}
