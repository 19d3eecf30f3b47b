package dev.orchestrator.gate.stack;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Why `docker compose up` failed, recognised in every wording seen on Docker 26 and 28. */
public enum ComposeFailure {
    PORT_ALLOCATED("port already allocated by another container", "port is already allocated"),
    ADDRESS_IN_USE("address already in use (a host process holds the port)", "address already in use", "failed to bind host port"),
    NAME_CONFLICT("container name already in use", "is already in use by container", "conflict. the container name");

    private final String meaning;
    private final String[] wordings;

    ComposeFailure(String meaning, String... wordings) {
        this.meaning = meaning;
        this.wordings = wordings;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<ComposeFailure> classify(String output) {
        String text = output.toLowerCase(Locale.ROOT);
        // a name conflict is reported before any port is bound, so it wins when both appear
        for (ComposeFailure f : new ComposeFailure[] {NAME_CONFLICT, PORT_ALLOCATED, ADDRESS_IN_USE}) {
            if (Arrays.stream(f.wordings).anyMatch(text::contains)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The line of the output that carries the reason. */
    public static String reasonLine(String output) {
        Pattern interesting = Pattern.compile("(?i)error|conflict|failed|in use|allocated");
        return output.lines().filter(l -> interesting.matcher(l).find()).reduce((a, b) -> b).orElse(output.strip()).strip();
    }
}
