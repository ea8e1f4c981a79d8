package com.rxflow.escalation.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.rxflow.escalation.EscalationServiceTest;
import com.rxflow.escalation.StaffClient;

/** With PHI encryption off (the default) there is no key to erase: the API says so. */
@EscalationServiceTest
class ForgetPatientWithoutEncryptionTest {

    private final String base;

    @Autowired
    ForgetPatientWithoutEncryptionTest(@LocalServerPort int port) {
        this.base = "http://localhost:" + port;
    }

    @Test
    void forgettingAPatientWithEncryptionOffIsAConflictThatSaysWhy() {
        StaffClient.Response response = new StaffClient(base, "pprivacy", EscalationServiceTest.PASSWORD)
                .delete("/api/v1/patients/patient_001/data-keys");

        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("https://rxflow.dev/problems/phi-encryption-off");
        assertThat(response.json().get("detail").asString()).contains("rxflow.phi.encryption.enabled=false");
    }

    @Test
    void aPharmacistIsRefusedBeforeAnythingElseIsSaid() {
        assertThat(new StaffClient(base, "jmartinez", EscalationServiceTest.PASSWORD)
                .delete("/api/v1/patients/patient_001/data-keys").status()).isEqualTo(403);
    }
}
