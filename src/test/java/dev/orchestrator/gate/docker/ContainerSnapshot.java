package dev.orchestrator.gate.docker;

import java.util.List;

/** One container's identity at a moment: what must not change across a reset. */
public record ContainerSnapshot(String id, String name, String status, String startedAt, int restartCount, long pid,
                                List<String> processes, List<String> hostPorts) {

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** A line a release manager reads: "orchestrator_3_stream (a1b2c3d4e5f6) started 2026-.. restarts 0 pid 4242". */
    public String describe() {
        return name + " (" + shortId() + ") " + status + ", started " + startedAt + ", restarts " + restartCount
                + ", pid " + pid + ", ports " + hostPorts + ", " + processes.size() + " processes";
    }
}
