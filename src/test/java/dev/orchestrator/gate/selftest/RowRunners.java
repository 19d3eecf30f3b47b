package dev.orchestrator.gate.selftest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The warm row runner of each lane: one {@link RowRunner} JVM per lane runs the lane's rows one after another, so that a
 * row does not pay a JVM's start, class loading and compilation again (measured: about 9 CPU-seconds for the first gate
 * run of a JVM, 2-3 for the next ones). A runner that hangs or dies is stopped (with its teardown) and the lane's next row
 * gets a new one.
 */
final class RowRunners {

    /** A row's job on the runner's input: its job file and its result file. */
    static final String SEPARATOR = "\t";
    /** A new runner's first line. */
    static final String READY = "[row-runner] ready";
    /** The runner's line after a row: its result file is written (or, when missing, the row could not run: its console says why). */
    static final String DONE = "[row-runner] done ";
    /**
     * The runner's line before {@link #DONE} when the row left this JVM unfit for the next (it threw, or its run still holds
     * the run lock): the runner is ended and the lane's next row gets a new one.
     */
    static final String RETIRING = "[row-runner] retiring after this row: ";

    /** Each lane's runner; a lane runs one row at a time ({@link Lanes}), so a lane's runner is never asked twice at once. */
    private static final Map<Integer, GateProcess> BY_LANE = new ConcurrentHashMap<>();

    private RowRunners() {
    }

    /** Runs the job of {@code files} (job, result) on {@code lane}'s runner, within {@code limit}; returns the row's console. */
    static String run(Lane lane, List<String> files, Duration limit) {
        GateProcess warm = BY_LANE.get(lane.number());
        GateProcess runner = warm != null && warm.isAlive() ? warm : GateProcess.startOn(lane, RowRunner.class, List.of());
        BY_LANE.put(lane.number(), runner);
        int from = runner == warm ? runner.lineCount() : 0; // a new runner's console from its start (its READY line)
        runner.send(String.join(SEPARATOR, files));
        try {
            runner.awaitLine("^" + Pattern.quote(DONE + files.get(1)) + "$", limit, from);
        } catch (AssertionError | RuntimeException e) { // a hang, or the runner ended: stopped with its teardown; the next row gets a new one
            BY_LANE.remove(lane.number());
            runner.stop(GateProcess.TEARDOWN_ON_SIGNAL);
            throw new AssertionError("the row's runner on " + lane + " did not finish the row: " + e.getMessage() + "\nits console:\n"
                    + runner.outputFrom(from), e);
        }
        String console = runner.outputFrom(from);
        if (console.contains(RETIRING)) {
            BY_LANE.remove(lane.number());
            runner.endInput(GateProcess.TEARDOWN_ON_SIGNAL);
        }
        return console;
    }

    /** Ends every lane's runner (each exits when its input closes; none is running a row when the self-tests end). */
    static void closeAll() {
        BY_LANE.values().parallelStream().forEach(runner -> runner.endInput(GateProcess.TEARDOWN_ON_SIGNAL));
        BY_LANE.clear();
    }
}
