package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.config.GateConfig;
import dev.orchestrator.gate.config.GateConfigException;
import dev.orchestrator.gate.config.GateSettings;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A run's settings, read once when its test plan starts and handed down to everything that needs them (the report, the
 * run, its phases): valid settings with the criteria they select, or the one line why they are not. A refused run still
 * writes its report where the configuration says, over the whole catalogue.
 */
public record RunSettings(Optional<GateSettings> settings, Set<String> selected, Optional<String> refusal, String mode,
                          ReportListener.ReportSettings report) {

    /** Reads and validates every setting from the run's configuration parameters (-D, the environment, acceptance.properties). */
    public static RunSettings read(Function<String, Optional<String>> parameters) {
        GateConfig config = GateConfig.from(parameters);
        String mode = config.string("acceptance.mode");
        try {
            GateSettings settings = GateSettings.from(config);
            Set<String> selected = Criterion.selection(settings.criteria());
            return new RunSettings(Optional.of(settings), selected, Optional.empty(), mode,
                    new ReportListener.ReportSettings(settings.reportDir(), selected, settings.strict(), settings.reportRunFile()));
        } catch (GateConfigException e) {
            // the run refuses with this message; its report goes where the configuration puts reports, over the criteria it selects
            Set<String> selected = selectedOrAll(config);
            return new RunSettings(Optional.empty(), selected, Optional.of(e.getMessage()), mode,
                    new ReportListener.ReportSettings(config.reportDir(), selected, config.strict(), config.reportRunFile()));
        }
    }

    /** The criteria acceptance.criteria selects, or the whole catalogue when it cannot be read either. */
    private static Set<String> selectedOrAll(GateConfig config) {
        try {
            return Criterion.selection(config.string("acceptance.criteria"));
        } catch (GateConfigException e) {
            return new TreeSet<>(Arrays.stream(Criterion.values()).map(Criterion::id).toList());
        }
    }
}
