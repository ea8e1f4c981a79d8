package com.rxflow.tools.adapters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.rxflow.events.tools.InteractionQuery;
import com.rxflow.events.tools.InteractionReport;
import com.rxflow.tools.TestData;
import com.rxflow.tools.adapters.fhir.FhirClient;
import com.rxflow.tools.adapters.fhir.FhirPatientDirectory;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.Prescription;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolFailure;
import com.rxflow.tools.safety.InteractionCheckTool;

/** The FHIR R4 adapter against a local fake FHIR server serving recorded resources and bundles. */
class FhirPatientDirectoryTest {

    private final WireMockServer fhir = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private FhirPatientDirectory directory;

    @BeforeEach
    void start() {
        fhir.start();
        directory = new FhirPatientDirectory(new FhirClient(Recorded.endpoint(fhir.baseUrl() + "/fhir", Duration.ofSeconds(10))),
                TestData.catalogue());
        fhir.stubFor(get(urlPathEqualTo("/fhir/Patient/pt4711")).willReturn(fhirJson("fhir/patient-pt4711.json")));
        fhir.stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).withQueryParam("patient", equalTo("pt4711"))
                .withQueryParam("status", equalTo("active")).willReturn(fhirJson("fhir/medicationrequests-pt4711.json")));
        fhir.stubFor(get(urlPathEqualTo("/fhir/MedicationDispense")).withQueryParam("patient", equalTo("pt4711"))
                .willReturn(fhirJson("fhir/dispenses-pt4711-page1.json", fhir.baseUrl() + "/fhir/page2")));
        fhir.stubFor(get(urlPathEqualTo("/fhir/page2")).willReturn(fhirJson("fhir/dispenses-pt4711-page2.json", fhir.baseUrl() + "/fhir/page2")));
        fhir.stubFor(get(urlPathEqualTo("/fhir/AllergyIntolerance")).withQueryParam("patient", equalTo("pt4711"))
                .willReturn(fhirJson("fhir/allergies-pt4711.json")));
        fhir.stubFor(get(urlPathEqualTo("/fhir/Patient/nobody")).willReturn(notFound()));
    }

    @AfterEach
    void stop() {
        fhir.stop();
    }

    @Test
    void aPatientIsReadFromPatientMedicationRequestMedicationDispenseAndAllergyIntolerance() {
        Patient patient = directory.find("pt4711").orElseThrow();

        assertThat(patient.name()).isEqualTo("Ana Lucia Rivera");
        assertThat(patient.dateOfBirth()).isEqualTo(LocalDate.of(1959, 4, 2));
        assertThat(patient.insurancePlanId()).isEqualTo("AETNA_001");
        assertThat(patient.address().zip()).isEqualTo("78704");
        assertThat(patient.address().lat()).isEqualTo(30.243);
        assertThat(patient.allergies()).as("the resolved latex allergy is left out").containsExactly("penicillin");

        Prescription warfarin = patient.medications().get(0);
        assertThat(warfarin.drug()).as("RxNorm 855332 is the catalogue's warfarin 5mg").isEqualTo("warfarin");
        assertThat(warfarin.strength()).isEqualTo("5mg");
        assertThat(warfarin.prescriber()).isEqualTo("Dr. Helen Lee");
        assertThat(warfarin.directions()).isEqualTo("Take 1 tablet daily in the evening");
        assertThat(warfarin.condition()).isEqualTo("atrial fibrillation");
        assertThat(warfarin.fills()).as("both pages of dispenses").hasSize(3);
        assertThat(warfarin.lastFilled(TestData.TODAY)).contains(LocalDate.of(2026, 2, 8));
        assertThat(warfarin.refillsRemaining()).as("5 repeats, 2 used after the first fill").isEqualTo(3);
        assertThat(warfarin.expired(TestData.TODAY)).isFalse();

        Prescription zolpidem = patient.medications().get(1);
        assertThat(zolpidem.drug()).as("not in the catalogue").isNull();
        assertThat(zolpidem.name()).isEqualTo("zolpidem");
        assertThat(zolpidem.strength()).isEqualTo("10mg");
        assertThat(zolpidem.fills()).isEmpty();
        assertThat(directory.provenance().dataSource()).startsWith("fhir:http://localhost");
    }

    @Test
    void eliquisForThePatientOnWarfarinIsContraindicatedThroughTheFhirData() {
        InteractionCheckTool tool = new InteractionCheckTool(directory, TestData.catalogue(), TestData.shipped().interactions());

        InteractionReport report = TestData.result(tool, TestData.invocation("pt4711"),
                InteractionQuery.newBuilder().setMedication("Eliquis").build());

        assertThat(report.getHighestSeverity()).isEqualTo("CONTRAINDICATED");
        assertThat(report.getInteractions().get(0).getWithMedication()).isEqualTo("warfarin");
    }

    @Test
    void anUnknownPatientIsAbsentAndASlowOrFailingServerUnavailable() {
        assertThat(directory.find("nobody")).isEmpty();

        fhir.stubFor(get(urlPathEqualTo("/fhir/Patient/slow")).willReturn(fhirJson("fhir/patient-pt4711.json").withFixedDelay(3_000)));
        fhir.stubFor(get(urlPathEqualTo("/fhir/Patient/broken")).willReturn(aResponse().withStatus(500)));
        FhirPatientDirectory impatient = new FhirPatientDirectory(
                new FhirClient(Recorded.endpoint(fhir.baseUrl() + "/fhir", Duration.ofMillis(300))), TestData.catalogue());
        assertThat(catchThrowableOfType(ToolFailure.class, () -> impatient.find("slow")).code()).isEqualTo(FailureCode.UNAVAILABLE);
        assertThat(catchThrowableOfType(ToolFailure.class, () -> directory.find("broken")).code()).isEqualTo(FailureCode.UNAVAILABLE);
    }

    private static ResponseDefinitionBuilder fhirJson(String resource) {
        return aResponse().withHeader("Content-Type", "application/fhir+json").withBody(Recorded.body(resource));
    }

    private static ResponseDefinitionBuilder fhirJson(String resource, String nextPage) {
        return aResponse().withHeader("Content-Type", "application/fhir+json")
                .withBody(Recorded.body(resource).replace("NEXT_PAGE_URL", nextPage));
    }
}
