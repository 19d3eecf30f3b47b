package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.config.SecretMasker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import static dev.orchestrator.gate.report.TestRuns.failed;
import static dev.orchestrator.gate.report.TestRuns.judge;
import static dev.orchestrator.gate.report.TestRuns.report;
import static org.assertj.core.api.Assertions.assertThat;

/** What CI systems read of a run: the gate's JUnit XML (valid as GitLab and Jenkins read it), GitHub's step summary and annotations. */
class CiOutputsTest {

    private static final SecretMasker MASKER = new SecretMasker();

    static {
        MASKER.addSecret("ghp_secret0000");
    }

    private static RunRecord failing() {
        RunRecord r = new RunRecord();
        r.target("stack", "orchestrator", 9403, "http://127.0.0.1:9403", "", List.of());
        Arrays.stream(Criterion.values()).forEach(c -> judge(r, c, Outcome.passed("ok")));
        judge(r, Criterion.AC_11, failed(ProblemCode.SESSION_KEPT, "orchestrator session_id after reset?clear_session=true is still 'sess-1' (was 'sess-1')"));
        r.result(Criterion.AC_11).evidence(new CriterionResult.Evidence("responses", "200 {\"success\":true, \"token\":\"ghp_secret0000\"} <&>"));
        r.result(Criterion.AC_11).measure("latency_ms", Map.of("max", 68));
        judge(r, Criterion.AC_10, Outcome.notApplicable("no edge proxy"));
        judge(r, Criterion.AC_15, failed(ProblemCode.SECOND_SERVER, "a second server: 1,2: three"));
        return r;
    }

    private static Report failingRun() {
        return report(failing());
    }

    @Test
    void theJUnitXmlIsValidAsGitLabAndJenkinsReadItAndCarriesTheFailureMasked() throws Exception {
        String xml = MASKER.mask(JUnitXml.render(failingRun()));
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(getClass().getClassLoader().getResource("report/junit.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        assertThat(xml).contains("<testcase classname=\"release-gate.orchestrator\" name=\"AC-11 reset-clears-session\"")
                .contains("<failure type=\"failed\" message=\"orchestrator session_id after reset?clear_session=true is still 'sess-1' (was 'sess-1')\"")
                .contains("<skipped type=\"not_applicable\" message=\"not applicable: no edge proxy\"")
                .contains("failed (advisory, does not block the release)")
                .doesNotContain("ghp_secret0000").contains("****");
        assertThat(xml.split("<testcase ", -1)).hasSize(Criterion.values().length + 1);
    }

    @Test
    void annotationsAreOneErrorPerBlockingFailureAndWarningsForAdvisoryAndNotProven() {
        assertThat(CiOutputs.annotations(failingRun(), MASKER)).containsExactly(
                "::error title=AC-11 reset-clears-session::orchestrator session_id after reset?clear_session=true is still 'sess-1' (was 'sess-1')",
                "::warning title=AC-10 long-operation::not proven: not applicable: no edge proxy",
                "::warning title=AC-15 reboot-endpoint-contained::advisory, does not block: a second server: 1,2: three");
        assertThat(CiOutputs.annotation("error", "a: b, c", "50% done\nnext")).isEqualTo("::error title=a%3A b%2C c::50%25 done%0Anext");
    }

    @Test
    void atMostTenOfEachKindThenOneLineCountingTheRest() {
        RunRecord r = failing();
        Arrays.stream(Criterion.values()).forEach(c -> judge(r, c, Outcome.error("the engine went away")));
        List<String> lines = CiOutputs.annotations(report(r), MASKER);
        assertThat(lines.stream().filter(l -> l.startsWith("::error"))).hasSize(10);
        assertThat(lines.get(lines.size() - 1)).startsWith("[gate] " + (Criterion.values().length - 10) + " more annotations than GitHub shows");
    }

    @Test
    void theStepSummaryIsAppendedAndCutToFitOneMebibyte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.md");
        Files.writeString(file, "earlier step output\n");
        CiOutputs.appendStepSummary(file, "## Orchestrator release gate: FAIL\n", System.out);
        assertThat(Files.readString(file)).isEqualTo("earlier step output\n## Orchestrator release gate: FAIL\n");
        String huge = "line\n".repeat(300_000);
        CiOutputs.appendStepSummary(file, huge, System.out);
        assertThat(Files.size(file)).isLessThanOrEqualTo(CiOutputs.STEP_SUMMARY_LIMIT);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).endsWith("the whole report is in reports/latest/acceptance-report.md)_\n");
    }
}
