package dev.orchestrator.gate.run;

import dev.orchestrator.gate.failure.GateRefusedException;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which runs are going on: a lock held here or by another process is live, an unheld file is an ended run's. */
class RunLockTest {

    private static final Duration PYTHON = Duration.ofSeconds(20);
    /** Tries the POSIX record lock Java uses (fcntl) from another process: exit 0 = it got it, 1 = held. */
    private static final String TRY_LOCK = "import fcntl,sys\nf=open(sys.argv[1],'r+')\ntry:\n fcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\nexcept OSError:\n "
            + "sys.exit(1)\n";

    @Test
    void aLockHeldHereIsLiveAndLookingDoesNotDropIt() {
        Path file = RunLock.pathFor("unit-test-engine", 65001);
        try (RunLock lock = RunLock.acquire(file, "unit-run-here")) {
            assertThat(RunLock.liveRunIds()).contains("unit-run-here");
            assertThat(RunLock.liveRunIds()).as("asked twice").contains("unit-run-here");
            // closing a second descriptor of the file would have released this process's lock: another process must still find it held
            assertThat(tryLockElsewhere(file).exitCode()).as("another process taking the lock after liveRunIds()").isEqualTo(1);
            assertThatThrownBy(() -> RunLock.acquire(file, "unit-run-second")).isInstanceOf(GateRefusedException.class)
                    .hasMessageContaining("run unit-run-here, in this process");
        }
        assertThat(RunLock.liveRunIds()).doesNotContain("unit-run-here");
        assertThat(tryLockElsewhere(file).exitCode()).as("after close").isZero();
    }

    @Test
    void aLockHeldByAnotherProcessIsLive() throws IOException {
        Path file = RunLock.pathFor("unit-test-engine", 65002);
        Files.writeString(file, "run unit-run-elsewhere, pid 1, started now");
        String hold = "import fcntl,sys,time\nf=open(sys.argv[1],'r+')\nfcntl.lockf(f,fcntl.LOCK_EX)\nprint('held',flush=True)\ntime.sleep(15)\n";
        Process holder = new ProcessBuilder("python3", "-c", hold, file.toString()).redirectErrorStream(true).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(5))).isEqualTo("held\n".substring(0, 5));
            assertThat(RunLock.liveRunIds()).contains("unit-run-elsewhere");
        } finally {
            holder.destroyForcibly();
        }
        Awaitility.await("the holder process gone").atMost(Duration.ofSeconds(10)).until(() -> !holder.isAlive());
        assertThat(RunLock.liveRunIds()).as("its lock is released with the process").doesNotContain("unit-run-elsewhere");
        Files.deleteIfExists(file);
    }

    private static CommandResult tryLockElsewhere(Path file) {
        return Commands.run(PYTHON, List.of("python3", "-c", TRY_LOCK, file.toString()));
    }
}
