package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.scenario.UiTab;

/** The browser criteria's screenshots: into the report, named after the criterion; a browser that cannot take one is said in the evidence. */
final class Screenshots {

    private Screenshots() {
    }

    static void take(UiTab tab, Findings findings, String fileName, String label) {
        try {
            findings.attachPng(label, fileName, tab.browser().screenshot());
        } catch (RuntimeException e) {
            findings.evidence("screenshot " + fileName, "could not be taken: " + e.getMessage());
        }
    }
}
