package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.docker.ContainerSnapshot;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** AC-15's window follows what the endpoint started: the descendants of the server process, and what it detached to the init. */
class RebootEndpointContainedTest {

    @Test
    void aProcessBelongsToTheEndpointWhenItDescendsFromTheServer() {
        Map<Long, Long> parents = Map.of(100L, 7L, 101L, 100L, 200L, 1L, 7L, 1L);
        assertThat(RebootEndpointContained.descends(101, Set.of(7L), parents)).as("the script's child").isTrue();
        assertThat(RebootEndpointContained.descends(100, Set.of(7L), parents)).as("the script").isTrue();
        assertThat(RebootEndpointContained.descends(200, Set.of(7L), parents)).as("a probe Docker started").isFalse();
        assertThat(RebootEndpointContained.descends(999, Set.of(7L), parents)).as("unknown").isFalse();
    }

    private static final ContainerSnapshot BEFORE = new ContainerSnapshot("a1b2", "orchestrator", "running", "2026-12-02T03:00:00Z", 0, 4242,
            List.of(new ContainerSnapshot.Proc(4242, 10, "/bin/sh /app/start.sh"), new ContainerSnapshot.Proc(4300, 4242, "python3 /app/server.py"),
                    new ContainerSnapshot.Proc(4400, 4242, "sleep 10")), List.of(), Optional.empty(), "");

    @Test
    void onARemoteEngineADetachedWorkerIsAdoptedByDescentButNotTheStartScriptsPeriodicSleep() {
        // start.sh is the init (4242); the backend its child; its loop's `sleep 10` another child, running before the call
        EndpointProcesses.Attribution byDescent = EndpointProcesses.byDescent(BEFORE);
        Map<Long, Long> parents = new HashMap<>(Map.of(4300L, 4242L, 5002L, 4300L));
        assertThat(byDescent.startedByTheCall(new ContainerSnapshot.Proc(5000, 4242, "/bin/sh -c sleep 20; kill -9 4300"), parents))
                .as("a nohup'd worker, re-parented to the init").isTrue();
        assertThat(byDescent.startedByTheCall(new ContainerSnapshot.Proc(5001, 4242, "sleep 10"), parents)).as("the start script's next periodic sleep")
                .isFalse();
        assertThat(byDescent.startedByTheCall(new ContainerSnapshot.Proc(5002, 4300, "/bin/bash reboot.sh"), parents)).as("a child of the server").isTrue();
        assertThat(byDescent.startedByTheCall(new ContainerSnapshot.Proc(5003, 77, "curl -f http://127.0.0.1:9403/health"), parents))
                .as("a healthcheck Docker execs").isFalse();
    }

    @Test
    void onThisHostsEngineTheCallsProcessesAreThoseThatStartedDuringIt() {
        // this JVM started long before the window below: it is no process of the call, whatever its parents
        double now = EndpointProcesses.uptime().orElseThrow();
        long self = ProcessHandle.current().pid();
        EndpointProcesses.Attribution byStartTime = EndpointProcesses.byStartTime(now, now, Set::of);
        assertThat(byStartTime.startedByTheCall(new ContainerSnapshot.Proc(self, 1, "java"), Map.of())).as("started before the call").isFalse();
        double mine = EndpointProcesses.startedAtS(self).orElseThrow();
        EndpointProcesses.Attribution around = EndpointProcesses.byStartTime(mine - 0.01, mine + 0.01, Set::of);
        assertThat(around.startedByTheCall(new ContainerSnapshot.Proc(self, 1, "java"), Map.of())).as("started during the call").isTrue();
        EndpointProcesses.Attribution executed = EndpointProcesses.byStartTime(mine - 0.01, mine + 0.01, () -> Set.of(self));
        assertThat(executed.startedByTheCall(new ContainerSnapshot.Proc(self, 1, "java"), Map.of())).as("a docker exec, during the call").isFalse();
        assertThat(EndpointProcesses.startedAtS(Long.MAX_VALUE)).as("a process that is gone").isEmpty();
    }
}
