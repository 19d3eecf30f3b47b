package dev.orchestrator.gate.report;

import java.util.List;
import java.util.Map;

/**
 * A figure of the whole run that a check measured (the report's timings, the images that ran, a note): the check
 * hands it back through its findings and the judge records it, so one owner writes the run's record and no check
 * reads what another one wrote.
 */
public sealed interface RunFigure {

    /** Writes this figure into the run's record (called by the judge only, holding the record). */
    void recordIn(RunRecord record);

    /** AC-06's time from the container's start to healthy. */
    record TimeToHealthy(double seconds) implements RunFigure {
        @Override
        public void recordIn(RunRecord record) {
            record.timeToHealthy(seconds);
        }
    }

    /** AC-11's reset latencies (min, median, max). */
    record ResetLatency(Map<String, Long> ms) implements RunFigure {
        @Override
        public void recordIn(RunRecord record) {
            record.resetLatency(ms);
        }
    }

    /** The time one step of the run took (the deploy). */
    record PhaseTime(String phase, double seconds) implements RunFigure {
        @Override
        public void recordIn(RunRecord record) {
            record.phase(phase, seconds);
        }
    }

    /** The images of the stack's containers after the deploy (what ran). */
    record DeployedImages(List<RunRecord.Image> images) implements RunFigure {
        @Override
        public void recordIn(RunRecord record) {
            record.deployed(images);
        }
    }

    /** A line for the report's notes. */
    record Note(String line) implements RunFigure {
        @Override
        public void recordIn(RunRecord record) {
            record.note(line);
        }
    }
}
