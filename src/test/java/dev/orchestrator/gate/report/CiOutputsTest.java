package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.catalogue.Criterion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What CI systems read of a run: the gate's JUnit XML (valid as GitLab and Jenkins read it), GitHub's step summary and annotations. */
class CiOutputsTest {

    private static RunRecord failingRun() {
        RunRecord r = new RunRecord();
        r.target.service = "orchestrator";
        Arrays.stream(Criterion.values()).forEach(c -> r.result(c).status = Status.passed);
        CriterionResult reset = r.result(Criterion.AC_11);
        reset.status = Status.failed;
        reset.summary = "orchestrator session_id after reset?clear_session=true is still 'sess-1' (was 'sess-1')";
        reset.evidence.add(new CriterionResult.Evidence("responses", "200 {\"success\":true, \"token\":\"ghp_secret0000\"} <&>"));
        reset.measurements.put("latency_ms", Map.of("max", 68));
        r.result(Criterion.AC_10).status = Status.not_applicable;
        r.result(Criterion.AC_10).summary = "not applicable: no edge proxy";
        r.result(Criterion.AC_15).status = Status.failed;
        r.result(Criterion.AC_15).summary = "a second server: 1,2: three";
        r.masker().addSecret("ghp_secret0000");
        Verdicts.decide(r, Criterion.selection(""), false, false);
        return r;
    }

    @Test
    void theJUnitXmlIsValidAsGitLabAndJenkinsReadItAndCarriesTheFailureMasked() throws Exception {
        String xml = JUnitXml.render(failingRun());
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
        assertThat(CiOutputs.annotations(failingRun())).containsExactly(
                "::error title=AC-11 reset-clears-session::orchestrator session_id after reset?clear_session=true is still 'sess-1' (was 'sess-1')",
                "::warning title=AC-10 long-operation::not proven: not applicable: no edge proxy",
                "::warning title=AC-15 reboot-endpoint-contained::advisory, does not block: a second server: 1,2: three");
        assertThat(CiOutputs.annotation("error", "a: b, c", "50% done\nnext")).isEqualTo("::error title=a%3A b%2C c::50%25 done%0Anext");
    }

    @Test
    void atMostTenOfEachKindThenOneLineCountingTheRest() {
        RunRecord r = failingRun();
        Arrays.stream(Criterion.values()).forEach(c -> {
            r.result(c).status = Status.failed;
            r.result(c).blocking = true;
        });
        List<String> lines = CiOutputs.annotations(r);
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
