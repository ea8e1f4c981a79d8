package com.rxflow.tools.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.rxflow.tools.adapters.fhir.FhirPatientDirectory;
import com.rxflow.tools.adapters.rxnav.RxNavDrugLookup;
import com.rxflow.tools.data.DataConfiguration;
import com.rxflow.tools.medication.CatalogueDrugLookup;
import com.rxflow.tools.medication.DrugLookupPort;
import com.rxflow.tools.patient.InMemoryPatientDirectory;
import com.rxflow.tools.patient.PatientDirectory;

import tools.jackson.databind.json.JsonMapper;

/** Choosing the bundled data or a real system is configuration; the bundled data is the default. */
class AdapterSelectionTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(DataConfiguration.class, AdapterConfiguration.class)
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
            .withBean(Validator.class, () -> Validation.buildDefaultValidatorFactory().getValidator())
            .withPropertyValues("rxflow.tools.data.location=classpath:data/",
                    "rxflow.tools.adapters.drug-lookup=bundled", "rxflow.tools.adapters.patients=bundled",
                    "rxflow.tools.adapters.rxnav.base-url=http://localhost:1/REST",
                    "rxflow.tools.adapters.rxnav.connect-timeout=1s", "rxflow.tools.adapters.rxnav.read-timeout=2s",
                    "rxflow.tools.adapters.fhir.base-url=http://localhost:1/fhir",
                    "rxflow.tools.adapters.fhir.connect-timeout=1s", "rxflow.tools.adapters.fhir.read-timeout=2s");

    @Test
    void theBundledDataAnswersByDefault() {
        context.run(beans -> {
            assertThat(beans).hasSingleBean(PatientDirectory.class).hasSingleBean(DrugLookupPort.class);
            assertThat(beans.getBean(PatientDirectory.class)).isInstanceOf(InMemoryPatientDirectory.class);
            assertThat(beans.getBean(DrugLookupPort.class)).isInstanceOf(CatalogueDrugLookup.class);
        });
    }

    @Test
    void rxNavAndFhirAreSwitchedOnByConfiguration() {
        context.withPropertyValues("rxflow.tools.adapters.drug-lookup=rxnav", "rxflow.tools.adapters.patients=fhir").run(beans -> {
            assertThat(beans.getBean(PatientDirectory.class)).isInstanceOf(FhirPatientDirectory.class);
            assertThat(beans.getBean(DrugLookupPort.class)).isInstanceOf(RxNavDrugLookup.class);
        });
    }

    @Test
    void syntheticPatientsAreServedNextToTheBundledOnes() {
        context.withPropertyValues("rxflow.tools.data.synthetic-patients=25").run(beans ->
                assertThat(beans.getBean(PatientDirectory.class).find("syn_000025")).isPresent());
    }

    @Test
    void aMisspeltAdapterStopsTheStart() {
        context.withPropertyValues("rxflow.tools.adapters.patients=fihr").run(beans -> assertThat(beans).hasFailed());
    }
}
