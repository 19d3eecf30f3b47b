package dev.orchestrator.gate.scenario;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.EngineInventory;
import dev.orchestrator.gate.platform.CoolifyPlatform;
import dev.orchestrator.gate.platform.PreDeploymentCommand;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scripts.OperatorScripts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operator's cleanup script run once, where the operator runs it, with every stale holder planted and the
 * bystanders it must leave alone in place: AC-02 judges how it ran, AC-03 the port afterwards, AC-04 what else
 * it removed. On the host it runs as by hand (Option A); as Coolify's pre-deployment command (Option B) it runs
 * inside the app's running container, or is skipped when none runs.
 *
 * @param where      "on the host, in ..., with ..." or "inside the container ..." (empty result: skipped)
 * @param bystanders what was planted to be left alone (label -> container id or network/volume name)
 * @param before     the engine's inventory just before the script
 */
public record CleanupRun(String where, String command, Optional<CommandResult> result, Duration limit, Map<String, String> bystanders,
                         EngineInventory before) {

    /** Why the pre-deployment command did not run, when it was skipped (Coolify's own log line). */
    public static final String SKIPPED = "skipped: no running container of the application (" + PreDeploymentCommand.SKIPPED + ")";

    static CleanupRun perform(StackTarget stack, String runId, StaleHolders holders, Path script, Duration limit, OperatorScripts scripts, boolean preDeploy) {
        holders.ensureAllPlanted();
        Map<String, String> bystanders = new LinkedHashMap<>();
        bystanders.put("unrelated running container", stack.planted().runningContainer("ogate-bystander-" + runId, "bystander", null, null, null)
                .getContainerId());
        bystanders.put("unused unrelated network", stack.planted().network("ogate-bystander-net-" + runId, "bystander"));
        bystanders.put("unrelated volume", stack.planted().volume("ogate-bystander-vol-" + runId, "bystander"));
        Optional<String> external = stack.model().externalNetworks().stream().findFirst();
        // the external network stays in use, as on a real host: by the platform's proxy, or by a stand-in of it
        Optional<String> proxy = stack.engine().containersNamed(Pattern.compile("^" + CoolifyPlatform.PROXY + "$")).stream()
                .findFirst().map(Container::getId);
        external.ifPresent(network -> bystanders.put("proxy on the external network '" + network + "'", proxy.orElseGet(() ->
                stack.planted().runningContainer("ogate-coolify-proxy-" + runId, "coolify-proxy", null, null, network).getContainerId())));
        EngineInventory before = EngineInventory.take(stack.engine());
        CleanupRun run;
        if (preDeploy) {
            PreDeploymentCommand.Ran ran = ((CoolifyPlatform) stack.platform()).preDeploymentCommand().orElseThrow();
            run = new CleanupRun(ran.container().map(c -> "as Coolify's pre-deployment command, inside the container " + c)
                    .orElse("as Coolify's pre-deployment command"),
                    "sh -c '" + ran.command() + "'", ran.result(), limit, bystanders, before);
        } else {
            OperatorScripts.Run ran = scripts.onHost(script, limit);
            run = new CleanupRun(ran.describe(), ran.command(), Optional.of(ran.result()), limit, bystanders, before);
        }
        stack.scriptCreations().lookAfter("the cleanup script " + script.getFileName(), stack.planted().hostPids());
        return run;
    }

    /** Whether a planted bystander is of a kind that runs (a container), so "still there" must also mean "still running". */
    public static boolean runs(String label) {
        return label.contains("container") || label.startsWith("proxy");
    }
}
