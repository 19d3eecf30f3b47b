package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;
import dev.orchestrator.gate.process.Folders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The way operators reach a staging engine, DOCKER_HOST=ssh://user@host:port, for real: Debian's OpenSSH server
 * started by this test on 127.0.0.1 (a port of its own, keys made for the run, nothing left afterwards), the full
 * gate over it: the Docker client through its tunnel, compose, the docker CLI and the operator's scripts over SSH,
 * the browser on the service's published ports. The engine is this machine, so the report says the host probes
 * (bind probe, listener table, the planted host process) are probes of this machine, and they run.
 */
@ExtendWith(OnThisMachinesEngine.class)
class SshEngineIT {

    private static final String REPORT_DIR = "reports/selftest/ssh-engine";
    private static final Duration SSHD_UP = Duration.ofSeconds(10);
    /** How long the shared SSH connection stays up after its last user (ssh's ControlPersist). */
    private static final Duration CONTROL_PERSIST = Duration.ofSeconds(30);
    /**
     * What an engine reached another way can change: every criterion but those a short soak cannot prove (AC-09, AC-10)
     * and AC-11's reset budget (the service's own timing, proven by the defect matrix, which a busy host would judge rather
     * than the engine). AC-19 stays: Docker's event stream over the engine's connection is what its users' lane follows.
     */
    static final List<String> ENGINE_CRITERIA = Arrays.stream(Criterion.values()).map(Criterion::id)
            .filter(id -> !List.of("AC-09", "AC-10", "AC-11").contains(id)).toList();

    /**
     * A self-test run's settings, restricted to {@link #ENGINE_CRITERIA}, with users' outage budgets no slow engine or busy
     * host reaches: AC-19 must pass, proving the users' lane was followed and every route came back, not the service's speed.
     */
    static Map<String, String> config(String reportDir) {
        Map<String, String> config = GateRuns.config(reportDir);
        config.put("acceptance.criteria", String.join(",", ENGINE_CRITERIA));
        config.putAll(GateRuns.GENEROUS_OUTAGE_BUDGETS);
        return config;
    }

    @Test
    @DisplayName("through DOCKER_HOST=ssh://root@127.0.0.1:<port> the gate runs, scripts and browser included, and nothing is left")
    void theFullGateRunsOverSsh() throws Exception {
        assertThat(Path.of("/usr/sbin/sshd")).as("Debian's openssh-server (the first command installs it)").isExecutable();
        Path dir = Files.createTempDirectory("ogate-selftest-ssh-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int port = freePort();
        Process sshd = null;
        try {
            sshd = startSshd(dir, port);
            Map<String, String> env = Map.of("DOCKER_HOST", "ssh://root@127.0.0.1:" + port, "PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
            int[] exit = {-1};
            String[] output = {""};
            EngineSnapshot.assertLeavesNothing("the gate over SSH", engine -> {
                try (GateProcess gate = GateProcess.start(config(REPORT_DIR), env)) {
                    exit[0] = gate.waitFor(Duration.ofSeconds(600));
                    output[0] = gate.output();
                }
            });
            JsonNode report = GateRuns.readReport(GateRuns.PROJECT.resolve(REPORT_DIR));
            GateRuns.Outcome outcome = new GateRuns.Outcome(exit[0], report, Duration.ZERO);
            for (Criterion c : Criterion.values()) {
                System.out.printf("[selftest] ssh engine %s %s: %s%n", c.id(), outcome.status(c.id()), outcome.summary(c.id()));
            }
            assertThat(output[0]).as("the gate's engine").contains("DOCKER_HOST=ssh://root@127.0.0.1:" + port);
            for (String id : ENGINE_CRITERIA) {
                assertThat(outcome.status(id)).as("over SSH %s: %s", id, outcome.summary(id)).isEqualTo("passed");
            }
            assertThat(outcome.summary("AC-19")).as("the users' lane followed over SSH")
                    .contains("(users' lane derived from Docker's events by the proxy's rule)");
            assertThat(outcome.summary("AC-01")).as("the planted host process, a probe of this machine").contains("b) address already in use");
            assertThat(outcome.summary("AC-03")).contains("bind probe ok, no listener");
            assertThat(report.path("notes").toString()).as("which parts are host probes of this machine")
                    .contains("host probes of this machine");
            assertThat(exit[0]).as("a run restricted to the criteria that prove the engine: partial, exit 0").isZero();
        } finally {
            try {
                closeSharedConnection(dir, port);
            } finally {
                if (sshd != null) {
                    sshd.destroy();
                    sshd.waitFor();
                }
                Folders.deleteTree(dir);
            }
        }
        assertThat(sshProcessesOf(port)).as("ssh processes to port %d after the run", port).isEmpty();
    }

    /** An sshd of the test's own: a host key and a user key made now, root by key only, on 127.0.0.1:port; and an `ssh` on PATH that uses them. */
    private static Process startSshd(Path dir, int port) throws IOException, InterruptedException {
        for (String key : List.of("host", "user")) {
            CommandResult made = Commands
                    .run(Duration.ofSeconds(20), List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve(key).toString()));
            assertThat(made.ok()).as("ssh-keygen: %s", made.tail(3)).isTrue();
        }
        Files.copy(dir.resolve("user.pub"), dir.resolve("authorized_keys"));
        Files.writeString(dir.resolve("sshd_config"), String.join("\n", "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PasswordAuthentication no", "PermitRootLogin prohibit-password",
                "StrictModes no", "UsePAM no", "PidFile " + dir.resolve("sshd.pid"),
                "MaxSessions 100", "") ); // compose's calls beside each other share the one connection: more than the 10 sessions by default
        // one connection shared by every docker CLI call, as Docker's documentation advises for an engine over SSH: the
        // master outlives the gate by CONTROL_PERSIST at most and is ended by the test (closeSharedConnection)
        Files.writeString(dir.resolve("ssh_config"), String.join("\n", "Host 127.0.0.1", "  IdentityFile " + dir.resolve("user"),
                "  IdentitiesOnly yes", "  StrictHostKeyChecking no", "  UserKnownHostsFile /dev/null", "  LogLevel ERROR",
                "  ControlMaster auto", "  ControlPath " + dir.resolve("cm-%p"), "  ControlPersist " + CONTROL_PERSIST.toSeconds(), ""));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("ssh"), "#!/bin/sh\nexec /usr/bin/ssh -F " + dir.resolve("ssh_config") + " \"$@\"\n");
        bin.resolve("ssh").toFile().setExecutable(true);
        Files.createDirectories(Path.of("/run/sshd")); // the privilege separation directory sshd expects
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + SSHD_UP.toNanos();
        while (System.nanoTime() < deadline && sshd.isAlive()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return sshd;
            } catch (IOException notYet) {
                Thread.sleep(100); // sshd binding its port: bounded by SSHD_UP
            }
        }
        throw new AssertionError("sshd did not listen on 127.0.0.1:" + port + ": " + Files.readString(dir.resolve("sshd.log")));
    }

    /** Ends the shared connection's master ({@code ssh -O exit}) if one is still up, and checks that none is. */
    private static void closeSharedConnection(Path dir, int port) {
        if (controlCommand(dir, port, "check").ok()) {
            CommandResult exit = controlCommand(dir, port, "exit");
            assertThat(exit.ok()).as("ssh -O exit: %s", exit.tail(3)).isTrue();
        }
        assertThat(controlCommand(dir, port, "check").ok()).as("the shared SSH connection after ssh -O exit").isFalse();
    }

    private static CommandResult controlCommand(Path dir, int port, String command) {
        return Commands.run(Duration.ofSeconds(10), List.of("/usr/bin/ssh", "-F", dir.resolve("ssh_config").toString(), "-p", String.valueOf(port), "-O",
                command, "root@127.0.0.1"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static List<String> sshProcessesOf(int port) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).map(p -> p.info().commandLine().orElse(""))
                .filter(c -> (c.startsWith("/usr/bin/ssh ") || c.startsWith("ssh ") || c.contains("sshd")) && c.contains(String.valueOf(port))).toList();
    }
}
