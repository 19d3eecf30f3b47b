package dev.orchestrator.gate.catalogue;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The problem codes section of {@code docs/criteria.md}, rendered from the catalogue ({@link Criterion#problemCodes()},
 * {@link ProblemCode#meaning()}): {@code ProblemCodesDocTest} fails when the page's section differs from this rendering.
 */
public final class ProblemCodesDoc {

    /** The page the section lives in, relative to the project folder. */
    public static final String FILE = "docs/criteria.md";
    /** The lines the section sits between. */
    public static final String BEGIN = "<!-- problem codes: generated from the catalogue by ProblemCodesDocTest; do not edit: "
            + "mvn -q test -Dtest=ProblemCodesDocTest -Ddocs.regenerate=true -->";
    public static final String END = "<!-- end of the problem codes -->";

    private ProblemCodesDoc() {
    }

    /** The section, its markers included. */
    public static String render() {
        StringBuilder md = new StringBuilder(BEGIN).append("\n\n");
        md.append("Every criterion may also raise the common codes: ")
                .append(ProblemCode.COMMON.stream().map(c -> "`" + c.code() + "`").collect(Collectors.joining(", ")))
                .append(".\n\n| criterion | the problem codes its failure can carry |\n|---|---|\n");
        for (Criterion c : Criterion.values()) {
            md.append("| ").append(c.id()).append(" ").append(c.slug()).append(" | ")
                    .append(c.problemCodes().stream().filter(p -> !ProblemCode.COMMON.contains(p)).map(p -> "`" + p.code() + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        md.append("\n| code | what it means |\n|---|---|\n");
        Arrays.stream(ProblemCode.values()).forEach(p -> md.append("| `").append(p.code()).append("` | ").append(p.meaning()).append(" |\n"));
        return md.append("\n").append(END).toString();
    }
}
