package dev.orchestrator.gate.selftest;

import java.util.List;

/**
 * One self-test run on a lane: its outcome, what it left behind (objects, listeners, processes, folders, images without a
 * name), in words, the image names it added, the lane it ran on, and its console.
 */
record RowRun(GateRuns.Outcome outcome, List<String> leftovers, List<String> imagesAdded, Lane lane, String console) {
}
