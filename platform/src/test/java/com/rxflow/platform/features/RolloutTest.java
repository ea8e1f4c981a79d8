package com.rxflow.platform.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RolloutTest {

    private static final String FLAG = "multi_pharmacy_comparison";

    @Test
    void aDisabledFlagIsOffEvenForAllowedPatients() {
        assertThat(new Rollout(false, Set.of("patient_001"), 100).enabledFor(FLAG, "patient_001")).isFalse();
    }

    @Test
    void anAllowedPatientHasTheFlagWhateverThePercentage() {
        Rollout rollout = new Rollout(true, Set.of("patient_001"), 0);

        assertThat(rollout.enabledFor(FLAG, "patient_001")).isTrue();
        assertThat(rollout.enabledFor(FLAG, "patient_002")).isFalse();
    }

    @Test
    void aPatientsBucketIsAStableSha256OfFlagAndPatientNotTheJvmsHashCode() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest((FLAG + "\u0000patient_001").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long expected = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(digest).getInt()) % 100;

        assertThat(Rollout.bucket(FLAG, "patient_001")).isEqualTo((int) expected);
    }

    @Test
    void aPercentageRollsOutToAboutThatShareAndRaisingItOnlyAddsPatients() {
        Rollout quarter = new Rollout(true, Set.of(), 25);
        Rollout half = new Rollout(true, Set.of(), 50);

        long inQuarter = IntStream.range(0, 10_000).mapToObj(i -> "syn_" + i).filter(p -> quarter.enabledFor(FLAG, p)).count();

        assertThat(inQuarter).isBetween(2_300L, 2_700L);
        assertThat(IntStream.range(0, 10_000).mapToObj(i -> "syn_" + i).filter(p -> quarter.enabledFor(FLAG, p)))
                .allMatch(p -> half.enabledFor(FLAG, p));
    }

    @Test
    void flagsRollOutIndependently() {
        long both = IntStream.range(0, 10_000).mapToObj(i -> "syn_" + i)
                .filter(p -> Rollout.bucket("enhanced_drug_checking", p) < 50 && Rollout.bucket(FLAG, p) < 50).count();

        assertThat(both).isBetween(2_200L, 2_800L);
    }

    @Test
    void withoutAPatientOnlyAnAllOrNothingRolloutDecides() {
        assertThat(Rollout.on().enabledFor(FLAG, null)).isTrue();
        assertThat(new Rollout(true, Set.of(), 99).enabledFor(FLAG, null)).isFalse();
        assertThatThrownBy(() -> new Rollout(true, Set.of(), 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
