package com.rxflow.tools.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.rxflow.tools.TestData;
import com.rxflow.tools.patient.Patient;

class SyntheticPatientsTest {

    @Test
    void theSameCountAndSeedGiveTheSamePatients() {
        List<Patient> first = SyntheticPatients.generate(50, 7, TestData.catalogue(), TestData.shipped().plans());
        List<Patient> again = SyntheticPatients.generate(50, 7, TestData.catalogue(), TestData.shipped().plans());

        assertThat(again).isEqualTo(first);
        assertThat(first).extracting(Patient::id).startsWith("syn_000001", "syn_000002").doesNotHaveDuplicates();
        assertThat(first).allSatisfy(patient -> {
            assertThat(patient.medications()).isNotEmpty();
            assertThat(patient.medications()).allSatisfy(prescription -> assertThat(prescription.fills()).isNotEmpty());
            assertThat(TestData.shipped().plans().find(patient.insurancePlanId())).isPresent();
        });
        assertThat(SyntheticPatients.generate(50, 8, TestData.catalogue(), TestData.shipped().plans())).isNotEqualTo(first);
    }
}
