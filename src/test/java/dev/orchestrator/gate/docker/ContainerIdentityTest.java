package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.model.HealthCheck;
import dev.orchestrator.gate.catalogue.Problem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What AC-12, AC-15 and AC-16 decide with: a second server (a new listener, the server's program again, a
 * restart) told from a worker (a chat's subprocess, the start script's sleep) and from a probe (what Docker's
 * healthcheck runs, not a command prefix a respawned server could share).
 */
class ContainerIdentityTest {

    private static final List<String> PORTS = List.of("127.0.0.1:9403->9403/tcp");
    private static final ContainerSnapshot.Proc INIT = new ContainerSnapshot.Proc(4242, 4200, "/bin/sh /app/start.sh");
    private static final ContainerSnapshot.Proc SERVER = new ContainerSnapshot.Proc(4250, 4242, "python3 /app/server.py");
    private static final ContainerSnapshot BEFORE = snapshot(List.of(INIT, SERVER, proc(4260, 4242, "sleep 10")),
            Optional.of(List.of(new ContainerSnapshot.Listener(9403, "python3 /app/server.py"))));

    private static List<String> messages(List<Problem> problems) {
        return problems.stream().map(Problem::message).toList();
    }

    private static ContainerSnapshot.Proc proc(long pid, long ppid, String args) {
        return new ContainerSnapshot.Proc(pid, ppid, args);
    }

    private static ContainerSnapshot snapshot(List<ContainerSnapshot.Proc> processes, Optional<List<ContainerSnapshot.Listener>> listeners) {
        return new ContainerSnapshot("a1b2c3d4e5f6a7b8", "orchestrator_3_stream", "running", "2026-11-28T03:00:00Z", 0, 4242, processes, PORTS,
                listeners, listeners.isPresent() ? "" : "no shell");
    }

    private static List<ContainerSnapshot.Proc> with(ContainerSnapshot.Proc... more) {
        List<ContainerSnapshot.Proc> all = new ArrayList<>(List.of(INIT, SERVER));
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void theStartScriptsSleepAWorkerAndAProbeAreNoSecondServer() {
        HealthCheck python = new HealthCheck()
                .withTest(List.of("CMD", "python3", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:9403/health')"));
        ContainerSnapshot now = snapshot(with(proc(4301, 4242, "sleep 10"), proc(4310, 4250, "python3 /app/worker.py chat-1"),
                proc(4320, 1, "python3 -c import urllib.request; urllib.request.urlopen('http://localhost:9403/health')")), BEFORE.listeners());
        assertThat(messages(ContainerIdentity.differences(BEFORE, now, 9403))).isEmpty();
        assertThat(ContainerIdentity.otherNewProcesses(BEFORE, now, HealthcheckInForce.of(python))).containsExactly(
                "worker: 4301 sleep 10", "worker: 4310 python3 /app/worker.py chat-1",
                "probe: 4320 python3 -c import urllib.request; urllib.request.urlopen('http://localhost:9403/health')");
        BackendAssert.assertThat(now).isSameBackendAs(BEFORE, 9403);
    }

    @Test
    void aRespawnedServerIsCaughtEvenWhenTheHealthcheckRunsTheSameInterpreter() {
        ContainerSnapshot now = snapshot(with(proc(4400, 1, "/usr/bin/python3 /app/server.py")),
                Optional.of(List
                        .of(new ContainerSnapshot.Listener(9403, "python3 /app/server.py"), new ContainerSnapshot
                        .Listener(9404, "/usr/bin/python3 /app/server.py"))));
        assertThat(messages(ContainerIdentity.differences(BEFORE, now, 9403))).containsExactly(
                "a second server: the server's program started again: 4400 /usr/bin/python3 /app/server.py",
                "a second server: new listener in the container :9404 /usr/bin/python3 /app/server.py");
        assertThatThrownBy(() -> BackendAssert.assertThat(now).isSameBackendAs(BEFORE, 9403))
                .hasMessageStartingWith("a second server: the server's program started again")
                .satisfies(e -> assertThat(((BackendAssert.Changed) e).problems()).extracting(p -> p.code().code()).containsOnly("second-server"));
    }

    @Test
    void aRestartAGoneServerAndALostPortAreNamed() {
        ContainerSnapshot exited = snapshot(List.of(INIT, proc(4500, 4242, "sleep 10")), BEFORE.listeners());
        assertThat(messages(ContainerIdentity.differences(BEFORE, exited, 9403)))
                .containsExactly("the server process is gone: python3 /app/server.py (pid 4250)");
        ContainerSnapshot restarted = new ContainerSnapshot(BEFORE.id(), BEFORE.name(), "running", "2026-11-28T03:02:00Z", 1, 5151,
                List.of(proc(5151, 5100, "/bin/sh /app/start.sh"), proc(5160, 5151, "python3 /app/server.py")), List.of(), Optional.empty(), "not read");
        assertThat(messages(ContainerIdentity.differences(BEFORE, restarted, 9403))).containsExactly(
                "restarted: StartedAt 2026-11-28T03:00:00Z -> 2026-11-28T03:02:00Z", "RestartCount 0 -> 1", "main process pid 4242 -> 5151",
                "port 9403 no longer published by it (ports [])");
    }

    @Test
    void aRestartsNewSocketsAreTheRestartNotASecondServer() {
        ContainerSnapshot before = snapshot(List.of(INIT, SERVER), Optional.of(List.of(new ContainerSnapshot.Listener(9403, "python3 /app/server.py"),
                new ContainerSnapshot.Listener(40429, ""))));
        ContainerSnapshot restarted = new ContainerSnapshot(BEFORE.id(), BEFORE.name(), "running", "2026-11-28T03:02:00Z", 1, 5151,
                List.of(proc(5151, 5100, "/bin/sh /app/start.sh"), proc(5160, 5151, "python3 /app/server.py")), PORTS,
                Optional.of(List.of(new ContainerSnapshot.Listener(9403, "python3 /app/server.py"), new ContainerSnapshot.Listener(36313, ""))), "");
        assertThat(ContainerIdentity.differences(before, restarted, 9403)).extracting(p -> p.code().code()).containsOnly("container-changed");
        ContainerSnapshot restartedWithAnotherServer = new ContainerSnapshot(BEFORE.id(), BEFORE.name(), "running", "2026-11-28T03:02:00Z", 1, 5151,
                List.of(proc(5151, 5100, "/bin/sh /app/start.sh"), proc(5160, 5151, "python3 /app/server.py"), proc(5170, 5151, "node x.js")), PORTS,
                Optional.of(List.of(new ContainerSnapshot.Listener(9403, "python3 /app/server.py", Set.of("5160@1")),
                        new ContainerSnapshot.Listener(9500, "node x.js", Set.of("5170@2")))), "");
        assertThat(messages(ContainerIdentity.differences(before, restartedWithAnotherServer, 9403))).as("a restart that starts another server too")
                .contains("a second server: new listener in the container :9500 node x.js");
        ContainerSnapshot unreadable = snapshot(List.of(INIT), Optional.of(List.of(new ContainerSnapshot.Listener(9403, ""))));
        assertThat(ContainerIdentity.differences(before, unreadable, 9403)).as("the server gone, its port's holder unreadable")
                .extracting(p -> p.code().code()).containsOnly("container-changed");
    }

    @Test
    void withoutAListenerTableEveryProgramButInitCountsAndOnlyMoreOfItIsASecondServer() {
        ContainerSnapshot before = snapshot(List.of(INIT, SERVER, proc(4260, 4242, "sleep 10")), Optional.empty());
        ContainerSnapshot later = snapshot(with(proc(4301, 4242, "sleep 10")), Optional.empty());
        assertThat(ContainerIdentity.differences(before, later, 9403)).as("one sleep after another").isEmpty();
        ContainerSnapshot again = snapshot(with(proc(4301, 4242, "sleep 10"), proc(4600, 1, "python3 /app/server.py")), Optional.empty());
        assertThat(messages(ContainerIdentity.differences(before, again, 9403)))
                .containsExactly("a second server: the server's program started again: 4600 python3 /app/server.py");
    }

    @Test
    void aProbeIsWhatDockerRunsForTheHealthcheckInForce() {
        HealthcheckInForce shell = HealthcheckInForce.of(new HealthCheck().withTest(List.of("CMD-SHELL", "curl -f http://localhost:9403/health || exit 1")))
                .orElseThrow();
        assertThat(shell.isProbe("/bin/sh -c curl -f http://localhost:9403/health || exit 1")).isTrue();
        assertThat(shell.isProbe("curl -f http://localhost:9403/health")).as("the shell's child").isTrue();
        assertThat(shell.isProbe("[curl]")).as("between fork and exec").isTrue();
        assertThat(shell.isProbe("curl http://example.com")).isFalse();
        HealthcheckInForce exec = HealthcheckInForce.of(new HealthCheck().withTest(List.of("CMD", "python3", "-c", "print(1)"))).orElseThrow();
        assertThat(exec.isProbe("python3 -c print(1)")).isTrue();
        assertThat(exec.isProbe("python3 /app/server.py")).as("the same interpreter is not the probe").isFalse();
    }

    @Test
    void listenersReadInsideTheContainerNameTheirProgramsAndEveryOwner() {
        String output = String
                .join("\n", "L 24C3 1234", "L 24C4 999", "S 7 1234", "S 9 1234", "S 7 55", "C 7 python3 /app/server.py ", "C 9 python3 /app/server.py ",
                "C 1 /bin/sh /app/start.sh ", "T 7 500", "T 9 520", "T 1 100");
        ContainerSnapshot.Inside inside = ContainerListeners.inside(output);
        assertThat(inside.listeners()).containsExactly(new ContainerSnapshot.Listener(9411, "python3 /app/server.py", Set.of("7@500", "9@520")),
                new ContainerSnapshot.Listener(9412, ""));
        assertThat(inside.processes()).containsExactlyInAnyOrder("7@500", "9@520", "1@100");
    }

    @Test
    void theHealthcheckInForceComesFromTheContainerAndNoneMeansNone() {
        HealthCheck image = new HealthCheck().withTest(List.of("CMD", "curl", "-f", "http://localhost:9403/health"))
                .withInterval(2_000_000_000L).withStartPeriod(12_000_000_000L);
        HealthcheckInForce hc = HealthcheckInForce.of(image).orElseThrow();
        assertThat(hc.startPeriod().toSeconds()).isEqualTo(12);
        assertThat(hc.startInterval()).isEmpty();
        assertThat(hc.describe()).isEqualTo("curl -f http://localhost:9403/health every 2 s, start_period 12 s, no start_interval");
        assertThat(HealthcheckInForce.of(new HealthCheck().withTest(List.of("NONE")))).isEmpty();
        assertThat(HealthcheckInForce.of((HealthCheck) null)).isEmpty();
    }

    /** A moment read from inside too: the server (pid 7 inside, started at {@code start}) holds :9403, and these processes run. */
    private static ContainerSnapshot inside(List<ContainerSnapshot.Proc> processes, String... running) {
        Set<String> owners = Set.of(running[0]);
        return new ContainerSnapshot("a1b2c3d4e5f6a7b8", "orchestrator_3_stream", "running", "2026-11-28T03:00:00Z", 0, 4242, processes, PORTS,
                Optional.of(List.of(new ContainerSnapshot.Listener(9403, "python3 /app/server.py", owners))), "", Set.of(running));
    }

    @Test
    void aRebootIsSeenOnlyWhenTheContainerItsStartOrItsServerChanged() {
        ContainerSnapshot before = inside(List.of(INIT, SERVER), "7@500", "1@100");
        ContainerSnapshot untouched = inside(with(proc(4301, 4242, "sleep 10")), "7@500", "1@100", "12@900");
        assertThat(ContainerIdentity.rebootSeen(before, untouched)).as("a script that exited 0 and did nothing").isEmpty();
        ContainerSnapshot restarted = new ContainerSnapshot("a1b2c3d4e5f6a7b8", "orchestrator_3_stream", "running", "2026-11-28T03:05:00Z", 0, 5100,
                List.of(proc(5100, 5000, "/bin/sh /app/start.sh"), proc(5110, 5100, "python3 /app/server.py")), PORTS, Optional.empty(), "not read");
        assertThat(ContainerIdentity.rebootSeen(before, restarted)).containsExactly(
                "a new start: StartedAt 2026-11-28T03:00:00Z -> 2026-11-28T03:05:00Z", "a new main process: pid 4242 -> 5100");
        // the server killed inside the container and started again by the start script: no process that held its socket runs any more
        ContainerSnapshot replaced = inside(List.of(INIT, proc(4700, 4242, "python3 /app/server.py")), "31@7000", "1@100");
        assertThat(ContainerIdentity.rebootSeen(before, replaced)).containsExactly("the server process replaced: no process that held its sockets before"
                + " still runs (:9403 python3 /app/server.py (pid 7 inside) -> :9403 python3 /app/server.py (pid 31 inside))");
        ContainerSnapshot recreated = new ContainerSnapshot("ffff00001111", "orchestrator-abc-123", "running", "2026-11-28T03:05:00Z", 0, 6100,
                List.of(), PORTS, Optional.empty(), "not read");
        assertThat(ContainerIdentity.rebootSeen(before, recreated)).first().asString()
                .isEqualTo("a new container: orchestrator_3_stream (a1b2c3d4e5f6) -> orchestrator-abc-123 (ffff00001111)");
    }

    @Test
    void aWorkerRecycledUnderTheSameMasterIsNoReboot() {
        // a pre-forking server: the master (pid 1 inside, the container's init) and its worker hold the socket; the worker is recycled
        ContainerSnapshot.Proc master = proc(4242, 4200, "gunicorn app:app");
        ContainerSnapshot before = new ContainerSnapshot("a1b2c3d4e5f6a7b8", "orchestrator_3_stream", "running", "2026-11-28T03:00:00Z", 0, 4242,
                List.of(master, proc(4250, 4242, "gunicorn app:app")), PORTS,
                Optional.of(List.of(new ContainerSnapshot.Listener(9403, "gunicorn app:app", Set.of("1@100", "7@500")))), "", Set.of("1@100", "7@500"));
        ContainerSnapshot recycled = new ContainerSnapshot("a1b2c3d4e5f6a7b8", "orchestrator_3_stream", "running", "2026-11-28T03:00:00Z", 0, 4242,
                List.of(master, proc(4800, 4242, "gunicorn app:app")), PORTS,
                Optional.of(List.of(new ContainerSnapshot.Listener(9403, "gunicorn app:app", Set.of("1@100", "8@900")))), "", Set.of("1@100", "8@900"));
        assertThat(ContainerIdentity.rebootSeen(before, recycled)).as("the master that held the socket still runs").isEmpty();
    }
}
