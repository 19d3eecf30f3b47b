package dev.orchestrator.gate.selftest;

import java.util.List;

/** One defect-matrix row's run: its outcome, and what it left behind (objects, listeners, processes, folders), in words. */
record RowRun(GateRuns.Outcome outcome, List<String> leftovers) {
}
