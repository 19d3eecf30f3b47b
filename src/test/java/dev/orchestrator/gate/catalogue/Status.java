package dev.orchestrator.gate.catalogue;

/** A criterion's status, as the report contract spells it. */
public enum Status {
    passed, failed, not_run, not_applicable, error
}
