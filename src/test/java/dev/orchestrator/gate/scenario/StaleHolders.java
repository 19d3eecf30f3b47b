package dev.orchestrator.gate.scenario;

import dev.orchestrator.gate.docker.HostPortHolder;
import dev.orchestrator.gate.docker.HostPorts;
import dev.orchestrator.gate.platform.Platform;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.stack.ComposeFailure;
import org.testcontainers.containers.GenericContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The stale holders of port 9403 and of the service's name that the field report fought, none of them
 * the platform's own: planted one by one by AC-01 (each deploy attempt meets exactly one), and all of
 * them in place when the cleanup script runs, whether AC-01 planted them or not.
 */
public final class StaleHolders {

    /** A planted holder: what it is (for the report) and the refusal a deploy meets because of it. */
    public record Holder(String label, String description, ComposeFailure blocks) {
    }

    private static final Duration LISTENING = Duration.ofSeconds(10);

    private final StackTarget stack;
    private final String runId;
    private final List<Holder> planted = new ArrayList<>();
    private GenericContainer<?> earlierDeploy;
    private GenericContainer<?> ownEarlier;
    private HostPortHolder process;
    private String nameHolder;

    StaleHolders(StackTarget stack, String runId) {
        this.stack = stack;
        this.runId = runId;
    }

    /** a) a running container of an earlier deploy under a Coolify-style name, publishing the port, without the platform's label. */
    public Holder earlierDeploy() {
        String suffix = runId.substring(runId.length() - 6);
        String name = "orchestrator-" + suffix + "-" + runId.substring(0, 14);
        earlierDeploy = stack.planted().runningContainer(name, "stale-deploy", stack.hostIp(), stack.port(), null);
        return add(new Holder("a) earlier deploy's container", "container " + name + " (" + earlierDeploy.getContainerId().substring(0, 12) + ")",
                ComposeFailure.PORT_ALLOCATED));
    }

    /**
     * The positive control: a running container of an earlier deploy of the SAME application (the platform's own
     * labels), holding the port. The platform's next deploy removes it itself; empty when the model has none to show.
     */
    public Optional<Holder> ownEarlierDeploy() {
        return stack.platform().earlierDeploy().map(earlier -> {
            GenericContainer<?> c = stack.planted()
                    .runningContainer(earlier.name(), "own-earlier-deploy", stack.hostIp(), stack.port(), null, earlier.labels());
            ownEarlier = c;
            return new Holder("positive control: the application's own earlier deploy", "container " + earlier.name() + " (" + c.getContainerId()
                    .substring(0, 12)
                    + ", " + String
                    .join(", ", earlier.labels().entrySet().stream().filter(e -> e.getKey().endsWith("applicationId")).map(e -> e.getKey() + "=" + e.getValue())
                    .toList())
                    + ")", null);
        });
    }

    /** Removes the positive control's container when the platform did not (the model failed): the holders below need the port. */
    public void removeOwnEarlierDeploy() {
        if (ownEarlier != null && stack.engine().inspect(ownEarlier.getContainerId()).isPresent()) {
            stack.engine().client().removeContainerCmd(ownEarlier.getContainerId()).withForce(true).exec();
        }
    }

    /** Stops the earlier deploy's container, as after a failed redeploy: it keeps its name, no longer the port. */
    public void stopEarlierDeploy() {
        if (earlierDeploy != null) {
            stack.engine().client().stopContainerCmd(earlierDeploy.getContainerId()).withTimeout(2).exec();
        }
    }

    /** b) a host process listening on the port (a separate OS process in its own group); empty where host probes do not apply. */
    public Optional<Holder> hostProcess() {
        if (stack.hostProbesNotApplicable().isPresent()) {
            return Optional.empty();
        }
        process = stack.planted().hostListener(stack.port());
        await("planted host process listening on " + stack.port()).atMost(LISTENING).pollInterval(Duration.ofMillis(100))
                .failFast("the planted python3 process exited", () -> !process.alive())
                .until(() -> !HostPorts.bindable(stack.port()));
        return Optional.of(add(new Holder("b) host process", "python3 pid " + process.pid(), ComposeFailure.ADDRESS_IN_USE)));
    }

    /** The planted host process's command line, for evidence. */
    public Optional<String> hostProcessCommandLine() {
        return Optional.ofNullable(process).map(p -> HostPorts.commandLine(p.pid()));
    }

    /**
     * c) a stopped container, not the platform's, under the service's name as the field knows it: the name the
     * platform gives the service where that name is fixed (then the deploy must fail on it), else the name the
     * operator's file gives it, which the platform renames (then the deploy must pass it by: a negative control).
     * Never a name only the gate could know (the next deploy's timestamp).
     */
    public Holder nameHolder() {
        Platform.NameHazard hazard = stack.platform().nameHazard();
        nameHolder = stack.planted().stoppedContainer(hazard.name(), "stale-name");
        String description = "stopped container " + hazard.name() + " (" + nameHolder.substring(0, 12) + ")";
        return add(hazard.blocks() ? new Holder("c) stopped container with the service's container name", description, ComposeFailure.NAME_CONFLICT)
                : new Holder("c) negative control: stopped container under the name the operator's file gives (" + hazard.why() + ")", description, null));
    }

    private Holder add(Holder holder) {
        planted.add(holder);
        return holder;
    }

    /**
     * Without a cleanup script (acceptance.cleanup.script=none) nobody else removes what AC-01 planted: the gate
     * removes its own holders, by id, so that the deploy is still proven. Returns what it removed, in words.
     */
    public List<String> removeAllPlanted() {
        List<String> removed = new ArrayList<>();
        for (String id : Stream.of(earlierDeploy == null ? null : earlierDeploy.getContainerId(), nameHolder)
                .filter(Objects::nonNull).toList()) {
            if (stack.engine().inspect(id).isPresent()) {
                stack.engine().client().removeContainerCmd(id).withForce(true).exec();
                removed.add("container " + id.substring(0, 12));
            }
        }
        if (process != null && process.alive()) {
            process.close();
            removed.add("host process pid " + process.pid());
        }
        return removed;
    }

    /** Plants what AC-01 did not, so that the cleanup script meets every holder at once (catalogue, AC-01/AC-02). */
    public List<Holder> ensureAllPlanted() {
        if (earlierDeploy == null) {
            earlierDeploy();
            stopEarlierDeploy();
        }
        if (process == null) {
            hostProcess();
        }
        if (nameHolder == null) {
            nameHolder();
        }
        return List.copyOf(planted);
    }
}
