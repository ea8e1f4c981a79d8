package com.rxflow.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PseudonymsTest {

    @Test
    void aPatientsPseudonymIsStableUnderOneKeyAndRevealsNothingOfTheId() {
        Pseudonyms pseudonyms = Pseudonyms.withKey("a-secret-of-at-least-thirty-two-characters");

        String pseudonym = pseudonyms.of("patient_001");

        assertThat(pseudonym).matches("pt-[0-9a-f]{16}").isEqualTo(pseudonyms.of("patient_001"))
                .isNotEqualTo(pseudonyms.of("patient_002")).doesNotContain("patient", "001");
    }

    @Test
    void anotherKeyGivesAnotherPseudonymSoNobodyWithoutTheKeyCanHashCandidateIds() {
        assertThat(Pseudonyms.withKey("key one, key one, key one, key one").of("patient_001"))
                .isNotEqualTo(Pseudonyms.withKey("key two, key two, key two, key two").of("patient_001"));
    }

    @Test
    void itIsAnHmacSha256OfTheId() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("k".getBytes(), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal("patient_001".getBytes())).substring(0, 16);

        assertThat(Pseudonyms.withKey("k").of("patient_001")).isEqualTo("pt-" + expected);
    }

    @Test
    void noPatientIsSaidSo() {
        assertThat(Pseudonyms.withRandomKey().of(null)).isEqualTo("pt-none");
        assertThat(Pseudonyms.withRandomKey().configured()).isFalse();
    }
}
