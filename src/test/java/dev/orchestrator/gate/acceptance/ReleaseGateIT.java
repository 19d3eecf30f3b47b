package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.judge.GateExtension;
import dev.orchestrator.gate.judge.Judge;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JUnit adapter of the gate: one test per criterion of the catalogue, tagged and named by its id, run in
 * the catalogue's order, so that Failsafe, tags, JUnit XML and IDEs keep working. Each test only asks the
 * {@link Judge}; the checks, their fixtures, the outcome and the verdict live elsewhere. A blocking failure
 * fails its test, an error errs, not run / not applicable / an advisory failure are skipped with the reason;
 * the run's verdict fails the build at the end exactly when the report's exit code is not 0.
 */
@ExtendWith(GateExtension.class)
@TestMethodOrder(CatalogueOrder.class)
@DisplayName("Release gate")
class ReleaseGateIT {

    @Test
    @Tag("AC-01")
    @DisplayName("AC-01 stale-deploy-blocks")
    void ac01(Judge judge) {
        judge.criterion(Criterion.AC_01).report();
    }

    @Test
    @Tag("AC-02")
    @DisplayName("AC-02 cleanup-runs")
    void ac02(Judge judge) {
        judge.criterion(Criterion.AC_02).report();
    }

    @Test
    @Tag("AC-03")
    @DisplayName("AC-03 port-freed")
    void ac03(Judge judge) {
        judge.criterion(Criterion.AC_03).report();
    }

    @Test
    @Tag("AC-04")
    @DisplayName("AC-04 cleanup-scoped")
    void ac04(Judge judge) {
        judge.criterion(Criterion.AC_04).report();
    }

    @Test
    @Tag("AC-05")
    @DisplayName("AC-05 deploy-succeeds")
    void ac05(Judge judge) {
        judge.criterion(Criterion.AC_05).report();
    }

    @Test
    @Tag("AC-06")
    @DisplayName("AC-06 health-passes")
    void ac06(Judge judge) {
        judge.criterion(Criterion.AC_06).report();
    }

    @Test
    @Tag("AC-07")
    @DisplayName("AC-07 ui-served")
    void ac07(Judge judge) {
        judge.criterion(Criterion.AC_07).report();
    }

    @Test
    @Tag("AC-08")
    @DisplayName("AC-08 ws-connects")
    void ac08(Judge judge) {
        judge.criterion(Criterion.AC_08).report();
    }

    @Test
    @Tag("AC-09")
    @DisplayName("AC-09 ws-survives")
    void ac09(Judge judge) {
        judge.criterion(Criterion.AC_09).report();
    }

    @Test
    @Tag("AC-10")
    @DisplayName("AC-10 long-operation")
    void ac10(Judge judge) {
        judge.criterion(Criterion.AC_10).report();
    }

    @Test
    @Tag("AC-11")
    @DisplayName("AC-11 reset-clears-session")
    void ac11(Judge judge) {
        judge.criterion(Criterion.AC_11).report();
    }

    @Test
    @Tag("AC-12")
    @DisplayName("AC-12 reset-keeps-one-container")
    void ac12(Judge judge) {
        judge.criterion(Criterion.AC_12).report();
    }

    @Test
    @Tag("AC-13")
    @DisplayName("AC-13 chat-roundtrip")
    void ac13(Judge judge) {
        judge.criterion(Criterion.AC_13).report();
    }

    @Test
    @Tag("AC-14")
    @DisplayName("AC-14 reboot-script")
    void ac14(Judge judge) {
        judge.criterion(Criterion.AC_14).report();
    }

    @Test
    @Tag("AC-15")
    @DisplayName("AC-15 reboot-endpoint-contained")
    void ac15(Judge judge) {
        judge.criterion(Criterion.AC_15).report();
    }

    @Test
    @Tag("AC-16")
    @DisplayName("AC-16 ui-reset")
    void ac16(Judge judge) {
        judge.criterion(Criterion.AC_16).report();
    }

    @Test
    @Tag("AC-17")
    @DisplayName("AC-17 ui-chat")
    void ac17(Judge judge) {
        judge.criterion(Criterion.AC_17).report();
    }

    @Test
    @Tag("AC-18")
    @DisplayName("AC-18 redeploy-after-reboot")
    void ac18(Judge judge) {
        judge.criterion(Criterion.AC_18).report();
    }

    @Test
    @Tag("AC-20")
    @DisplayName("AC-20 healthy-at-close")
    void ac20(Judge judge) {
        judge.criterion(Criterion.AC_20).report();
    }

    @Test
    @Tag("AC-19")
    @DisplayName("AC-19 user-visible-outage")
    void ac19(Judge judge) {
        judge.criterion(Criterion.AC_19).report();
    }
}
