package com.rxflow.tools.adherence;

import static com.rxflow.tools.TestData.TODAY;
import static com.rxflow.tools.TestData.invocation;
import static com.rxflow.tools.TestData.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rxflow.events.tools.AdherenceQuery;
import com.rxflow.events.tools.AdherenceReport;
import com.rxflow.tools.TestData;
import com.rxflow.tools.patient.Fill;
import com.rxflow.tools.records.RelativeDate;
import com.rxflow.tools.registry.FailureCode;

class AdherenceTest {

    private final AdherenceTool tool = new AdherenceTool(TestData.patients(), TestData.catalogue());

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"95, Excellent", "90, Excellent", "89, Good", "85, Good", "80, Good", "79, Fair", "70, Fair",
            "69, Poor", "50, Poor", "40, Poor", "39, Very Poor", "30, Very Poor", "0, Very Poor", "100, Excellent"})
    void theSeedsTestTableHolds(int score, String level) {
        assertThat(AdherenceLevel.of(score).label()).isEqualTo(level);
    }

    @Test
    void aYearOfMonthlyFillsOnTimeCoversEveryDay() {
        List<Fill> fills = new ArrayList<>();
        for (int daysAgo = 0; daysAgo < 400; daysAgo += 30) {
            fills.add(fill(daysAgo, 30));
        }
        ProportionOfDaysCovered.Result pdc = ProportionOfDaysCovered.of(fills, TODAY);

        assertThat(pdc.periodDays()).isEqualTo(365);
        assertThat(pdc.daysCovered()).isEqualTo(365);
        assertThat(pdc.score()).isEqualTo(100);
    }

    @Test
    void anEarlyRefillIsShiftedForwardSoNoDayCountsTwice() {
        // 60 days ago a 30-day fill, 40 days ago (10 days early) another: the second covers days -30..-1
        List<Fill> fills = List.of(fill(60, 30), fill(40, 30));
        ProportionOfDaysCovered.Result pdc = ProportionOfDaysCovered.of(fills, TODAY);

        assertThat(pdc.periodDays()).isEqualTo(61);
        assertThat(pdc.daysCovered()).isEqualTo(60);
        assertThat(pdc.fills()).isEqualTo(2);
    }

    @Test
    void withoutTheShiftOverlapsWouldHideAGap() {
        // three 30-day fills 10 days apart, 90 days ago: 90 days of supply for a 91-day period
        List<Fill> fills = List.of(fill(90, 30), fill(80, 30), fill(70, 30));

        assertThat(ProportionOfDaysCovered.of(fills, TODAY).daysCovered()).isEqualTo(90);
    }

    @Test
    void thePeriodStartsAtTheFirstFillForANewPatientAndCoverageStopsToday() {
        ProportionOfDaysCovered.Result pdc = ProportionOfDaysCovered.of(List.of(fill(9, 30)), TODAY);

        assertThat(pdc.periodDays()).isEqualTo(10);
        assertThat(pdc.score()).isEqualTo(100);
    }

    @Test
    void aFillOlderThanTheYearCountsOnlyForItsDaysInsideIt() {
        // covers days -370..-341, the year starts at -364
        ProportionOfDaysCovered.Result pdc = ProportionOfDaysCovered.of(List.of(fill(370, 30)), TODAY);

        assertThat(pdc.periodDays()).isEqualTo(365);
        assertThat(pdc.daysCovered()).isEqualTo(24);
        assertThat(pdc.fills()).isZero();
    }

    @Test
    void adherenceIsComputedFromTheBundledFillHistory() {
        AdherenceReport omeprazole = result(tool, invocation("patient_001"), query("omeprazole"));

        assertThat(omeprazole.getScore()).isEqualTo(97);
        assertThat(omeprazole.getLevel()).isEqualTo("Excellent");
        assertThat(omeprazole.getPeriodDays()).isEqualTo(365);
        assertThat(omeprazole.getFills()).as("the twelfth fill is 369 days old").isEqualTo(11);
        assertThat(omeprazole.getLastFilled()).isEqualTo(TODAY.minusDays(28));
        assertThat(omeprazole.getNeedsNewPrescription()).isFalse();

        AdherenceReport metformin = result(tool, invocation("patient_001"), query("metformin"));
        assertThat(metformin.getScore()).isEqualTo(89);
        assertThat(metformin.getLevel()).isEqualTo("Good");
        assertThat(metformin.getNeedsNewPrescription()).isTrue();
        assertThat(result(tool, invocation("patient_001"), query("lisinopril")).getNeedsNewPrescription()).isTrue();
        assertThat(result(tool, invocation("patient_002"), query("Eliquis")).getLevel()).isEqualTo("Good");
    }

    @Test
    void aDrugThePatientDoesNotTakeIsNotPrescribed() {
        TestData.failure(tool, invocation("patient_001"), query("hydrocodone"), FailureCode.NOT_PRESCRIBED);
    }

    private static Fill fill(int daysAgo, int daysSupply) {
        return new Fill(RelativeDate.daysFromToday(-daysAgo), daysSupply, daysSupply);
    }

    private static AdherenceQuery query(String medication) {
        return AdherenceQuery.newBuilder().setMedication(medication).build();
    }
}
