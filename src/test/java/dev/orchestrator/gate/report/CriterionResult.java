package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.catalogue.Criterion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One criterion's entry in the report (field names are the JSON contract). */
public final class CriterionResult {

    /** A labelled piece of evidence: command output, a before/after table, a timeline. */
    public record Evidence(String label, String text) {
    }

    /** A file the report carries beside itself (a screenshot, a rewritten compose file), named {@code file} in the report's folder; the HTML embeds pictures. */
    public record Attachment(String label, String file, String mediaType, @com.fasterxml.jackson.annotation.JsonIgnore byte[] content) {
        @com.fasterxml.jackson.annotation.JsonProperty("bytes")
        public int bytes() {
            return content.length;
        }
    }

    public String id;
    public String name;
    public boolean blocking;
    public Status status = Status.not_run;
    public String summary = "";
    public long durationMs;
    public Map<String, Object> measurements = new LinkedHashMap<>();
    public List<Evidence> evidence = new ArrayList<>();
    public List<Attachment> attachments = new ArrayList<>();
    /** What each availability lane saw while this criterion's action ran (a deploy, the resets, a reboot, ...), when it has one. */
    public dev.orchestrator.gate.availability.ActionWindow availability;
    /** The waiver that covers this criterion's failure (only when it does: the failure then does not block). */
    public dev.orchestrator.gate.waivers.WaiverUse waived;
    /** What this criterion's waiver did, decided when it was judged (whether or not it waived). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public dev.orchestrator.gate.waivers.WaiverUse waiverUse;
    /** Whether the JUnit adapter asked for this criterion (it was in the test plan and its turn came). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public volatile boolean reached;

    /** The criterion's console line: "[gate] AC-05 passed         compose deployment succeeded ...". */
    public String consoleLine() {
        return String.format("[gate] %s %-14s %s", id, waived == null ? status.name() : "failed(waived)", summary);
    }

    public static CriterionResult of(Criterion criterion) {
        CriterionResult r = new CriterionResult();
        r.id = criterion.id();
        r.name = criterion.slug();
        r.blocking = criterion.blocking();
        return r;
    }
}
