package dev.orchestrator.gate.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.orchestrator.gate.availability.ActionWindow;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.waivers.WaiverUse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One criterion as the report carries it (field names are the JSON contract): its status, the summary rendered from its
 * problems, the problems themselves ({@code code}, {@code message}), what it measured and showed, what the lanes saw
 * during its action, and the waiver that covers its failure. Read-only: the writers render it.
 */
public record CriterionReport(String id, String name, boolean blocking, Status status, String summary, List<Problem> problems, long durationMs,
                              Map<String, Object> measurements, List<CriterionResult.Evidence> evidence, List<CriterionResult.Attachment> attachments,
                              ActionWindow availability, WaiverUse waived) {

    public CriterionReport {
        problems = List.copyOf(problems);
        measurements = Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
        evidence = List.copyOf(evidence);
        attachments = List.copyOf(attachments);
    }

    /** Whether a waiver covers its failure (it then does not block). */
    @JsonIgnore
    public boolean isWaived() {
        return waived != null;
    }
}
