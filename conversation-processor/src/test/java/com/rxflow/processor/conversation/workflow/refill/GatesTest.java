package com.rxflow.processor.conversation.workflow.refill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rxflow.events.tools.AllergyCheck;
import com.rxflow.events.tools.AllergyConflict;
import com.rxflow.events.tools.CoverageReport;
import com.rxflow.events.tools.Interaction;
import com.rxflow.events.tools.InteractionReport;
import com.rxflow.events.tools.MedicationEntry;

class GatesTest {

    private static final LocalDate TODAY = LocalDate.parse("2024-08-10");

    private static MedicationEntry.Builder entry() {
        return MedicationEntry.newBuilder().setName("meloxicam").setStrength("15mg").setRxnormCode(null)
                .setPrescriber(null).setRefillsRemaining(3).setDaysSupply(30).setLastFilled(LocalDate.parse("2024-07-01"));
    }

    private static RefillGates.Assessment assess(MedicationEntry entry, List<AllergyConflict> conflicts,
            List<Interaction> interactions, boolean priorAuth, boolean approved) {
        return RefillGates.assess(new RefillGates.Facts("meloxicam", entry,
                AllergyCheck.newBuilder().setMedication("meloxicam").setAllergies(List.of()).setConflicts(conflicts).build(),
                InteractionReport.newBuilder().setMedication("meloxicam").setInteractions(interactions).build(),
                CoverageReport.newBuilder().setPlanId("p").setPlanName("Plan").setMedication("meloxicam").setCovered(true)
                        .setPriorAuthorization(priorAuth).setStepTherapy(false).build(),
                approved, TODAY, 0.75));
    }

    @Test
    void theHighestRuleChoosesTheRouteAndEveryRuleIsKept() {
        RefillGates.Assessment assessment = assess(entry().setControlled(true).setRefillsRemaining(0).build(),
                List.of(AllergyConflict.newBuilder().setAllergy("nsaids")
                        .setReason("CROSS_SENSITIVITY").setDetail("meloxicam is an NSAID").build()), List.of(), true,
                false);

        assertThat(assessment.route()).isEqualTo(RefillGates.Route.PHARMACIST);
        assertThat(assessment.codes()).containsExactly("ALLERGY_CONFLICT", "CONTROLLED_SUBSTANCE", "NO_REFILLS",
                "PRIOR_AUTHORIZATION");
    }

    @Test
    void aControlledSubstanceGoesToThePrescriberEvenWhenEarly() {
        RefillGates.Assessment assessment = assess(entry().setControlled(true).setLastFilled(TODAY.minusDays(3)).build(),
                List.of(), List.of(), false, false);

        assertThat(assessment.route()).isEqualTo(RefillGates.Route.PRESCRIBER);
        assertThat(assessment.codes()).containsExactly("CONTROLLED_SUBSTANCE", "EARLY_REFILL");
    }

    @ParameterizedTest
    @CsvSource({"22, true", "23, false"})
    void aRefillIsEarlyBeforeThreeQuartersOfTheSupply(int daysAgo, boolean early) {
        RefillGates.Assessment assessment = assess(entry().setLastFilled(TODAY.minusDays(daysAgo)).build(), List.of(),
                List.of(), false, false);

        assertThat(assessment.codes().contains("EARLY_REFILL")).isEqualTo(early);
    }

    @Test
    void aModerateInteractionIsACautionNotAStop() {
        RefillGates.Assessment assessment = assess(entry().build(), List.of(), List.of(new Interaction("lisinopril",
                "MODERATE", "less effect", "monitor", "table")), false, false);

        assertThat(assessment.route()).isEqualTo(RefillGates.Route.NONE);
        assertThat(assessment.caution()).contains("moderate interaction with your lisinopril");
    }

    @Test
    void aPrescribersApprovalSettlesThePrescriberRulesOnly() {
        RefillGates.Assessment assessment = assess(entry().setRefillsRemaining(0).setExpired(true)
                .setLastFilled(TODAY.minusDays(2)).build(), List.of(), List.of(), true, true);

        assertThat(assessment.codes()).containsExactly("EARLY_REFILL");
    }

    @Test
    void anExpiryDateBeforeTodayExpiresThePrescription() {
        assertThat(assess(entry().setPrescriptionExpires(TODAY.minusDays(1)).build(), List.of(), List.of(), false, false)
                .codes()).containsExactly("PRESCRIPTION_EXPIRED");
    }
}
