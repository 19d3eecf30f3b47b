package dev.orchestrator.gate.selftest;

import java.time.Duration;
import java.util.Map;

/**
 * A stand-in for the self-test JVM in {@link InterruptionIT}: it starts one gate process as the defect matrix's
 * soak lane does (a process group of its own), prints the gate's pid and console, and waits for it.
 */
public final class SelfTestParent {

    private SelfTestParent() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> config = GateRuns.config(args[0]);
        config.put("acceptance.criteria", GateRuns.AFTER_THE_PORT_SCENARIO); // stopped in the soak: the port scenario before it is not needed
        try (GateProcess gate = GateProcess.start(config, Map.of())) {
            System.out.println("[parent] gate pid " + gate.pid());
            gate.mirror(System.out);
            gate.waitFor(Duration.ofSeconds(600));
        }
    }
}
