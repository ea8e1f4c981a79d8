package com.rxflow.tools.coverage;

import static com.rxflow.tools.TestData.invocation;
import static com.rxflow.tools.TestData.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.rxflow.events.tools.CoverageQuery;
import com.rxflow.events.tools.CoverageReport;
import com.rxflow.events.tools.PriorAuthQuery;
import com.rxflow.events.tools.PriorAuthRequirements;
import com.rxflow.tools.TestData;
import com.rxflow.tools.medication.DrugCatalogue;

class CoverageToolsTest {

    private final PlanBook plans = TestData.shipped().plans();
    private final CoverageTool coverage = new CoverageTool(TestData.patients(), TestData.catalogue(), plans);
    private final PriorAuthorizationTool priorAuth = new PriorAuthorizationTool(TestData.patients(), TestData.catalogue(), plans);

    @Test
    void eliquisRequiresPriorAuthorizationOnEveryPlan() {
        DrugCatalogue.Match eliquis = TestData.catalogue().resolve("Eliquis").orElseThrow();

        assertThat(plans.all()).hasSize(3).allSatisfy(plan -> {
            CoverageReport report = CoverageTool.report(plan, eliquis);
            assertThat(report.getCovered()).isTrue();
            assertThat(report.getPriorAuthorization()).as(plan.id()).isTrue();
            assertThat(report.getQuantityLimit()).isEqualTo("60 tablets per 30 days");
            assertThat(report.getDeductibleApplies()).isTrue();
        });
    }

    @Test
    void johnsPlanIsFoundByItsIdNotMissedByName() {
        CoverageReport lisinopril = result(coverage, invocation("patient_001"), CoverageQuery.newBuilder().setMedication("lisinopril").build());

        assertThat(lisinopril.getPlanId()).isEqualTo("BCBS_TX_001");
        assertThat(lisinopril.getCovered()).isTrue();
        assertThat(lisinopril.getTier()).isEqualTo(1);
        assertThat(lisinopril.getTierDescription()).isEqualTo("Generic drugs");
        assertThat(lisinopril.getCopay()).isEqualTo(new BigDecimal("10.00"));
        assertThat(lisinopril.getDeductibleApplies()).isFalse();
        assertThat(lisinopril.getAnnualDeductible()).isEqualTo(new BigDecimal("500.00"));
        assertThat(plans.find("BlueCross Shield")).map(InsurancePlan::id).contains("BCBS_TX_001");
    }

    @Test
    void brandLipitorIsTierThreeWithStepTherapyThroughTheGeneric() {
        CoverageReport lipitor = result(coverage, invocation("patient_001"), CoverageQuery.newBuilder().setMedication("Lipitor").build());

        assertThat(lipitor.getMedication()).isEqualTo("Lipitor");
        assertThat(lipitor.getTier()).isEqualTo(3);
        assertThat(lipitor.getCopay()).isEqualTo(new BigDecimal("60.00"));
        assertThat(lipitor.getStepTherapy()).isTrue();
        assertThat(lipitor.getStepTherapyAlternatives()).containsExactly("atorvastatin", "simvastatin");
        assertThat(lipitor.getDeductibleApplies()).isTrue();
    }

    @Test
    void aDrugOffTheFormularyIsNotCovered() {
        CoverageReport hydrocodone = result(coverage, invocation("patient_001"), CoverageQuery.newBuilder().setMedication("hydrocodone").build());

        assertThat(hydrocodone.getCovered()).isFalse();
        assertThat(hydrocodone.getTier()).isNull();
        assertThat(hydrocodone.getCopay()).isNull();
    }

    @Test
    void eliquisPriorAuthorizationHasThePlansCriteriaDocumentsAndTurnaround() {
        PriorAuthRequirements requirements = result(priorAuth, invocation("patient_002"), PriorAuthQuery.newBuilder().setMedication("eliquis").build());

        assertThat(requirements.getPlanId()).isEqualTo("AETNA_001");
        assertThat(requirements.getRequired()).isTrue();
        assertThat(requirements.getCriteria()).hasSize(4).anySatisfy(c -> assertThat(c).contains("CHA2DS2-VASc"));
        assertThat(requirements.getDocumentation()).isNotEmpty();
        assertThat(requirements.getTurnaround()).isEqualTo("3-5 business days");
        assertThat(result(priorAuth, invocation("patient_001"), PriorAuthQuery.newBuilder().setMedication("eliquis").build())
                .getCriteria()).contains("Patient must have tried and failed warfarin therapy");
    }

    @Test
    void omeprazoleNeedsNoPriorAuthorization() {
        PriorAuthRequirements requirements = result(priorAuth, invocation("patient_001"), PriorAuthQuery.newBuilder().setMedication("omeprazole").build());

        assertThat(requirements.getRequired()).isFalse();
        assertThat(requirements.getCriteria()).isEmpty();
    }
}
