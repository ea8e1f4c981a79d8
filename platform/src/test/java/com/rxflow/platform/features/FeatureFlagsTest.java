package com.rxflow.platform.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeatureFlagsTest {

    private final Path file = Path.of("target", "flags", UUID.randomUUID() + ".yaml");
    private FeatureFlags flags;

    @AfterEach
    void close() {
        if (flags != null) {
            flags.close();
        }
    }

    @Test
    void theGuidesDefaultsApplyWhenNothingIsConfigured() {
        flags = FeatureFlags.of(Map.of());

        assertThat(flags.enabled(FeatureFlag.ENHANCED_DRUG_CHECKING, "patient_001")).isTrue();
        assertThat(flags.enabled(FeatureFlag.MULTI_PHARMACY_COMPARISON, "patient_001")).isTrue();
        assertThat(flags.enabled(FeatureFlag.ADVANCED_ADHERENCE_ANALYTICS, "patient_001")).isFalse();
    }

    @Test
    void configurationSetsARolloutThroughOpenFeature() {
        flags = FeatureFlags.of(Map.of(FeatureFlag.MULTI_PHARMACY_COMPARISON, new Rollout(true, Set.of("patient_002"), 0)));

        assertThat(flags.enabled(FeatureFlag.MULTI_PHARMACY_COMPARISON, "patient_001")).isFalse();
        assertThat(flags.enabled(FeatureFlag.MULTI_PHARMACY_COMPARISON, "patient_002")).isTrue();
    }

    @Test
    void editingTheFlagsFileChangesAFlagWithoutARestart() throws IOException {
        Files.createDirectories(file.getParent());
        flags = new FeatureFlags(FeatureFlags.of(Map.of()).rollouts(), file);
        assertThat(flags.enabled(FeatureFlag.MULTI_PHARMACY_COMPARISON, "patient_001")).isTrue();

        Files.writeString(file, "multi_pharmacy_comparison: false\n"
                + "advanced_adherence_analytics:\n  enabled: true\n  whitelist_users: [patient_002]\n  rollout_percentage: 0\n");

        assertThat(flags.refresh()).isTrue();
        assertThat(flags.enabled(FeatureFlag.MULTI_PHARMACY_COMPARISON, "patient_001")).isFalse();
        assertThat(flags.enabled(FeatureFlag.ADVANCED_ADHERENCE_ANALYTICS, "patient_002")).isTrue();
        assertThat(flags.enabled(FeatureFlag.ADVANCED_ADHERENCE_ANALYTICS, "patient_001")).isFalse();
        assertThat(flags.refresh()).as("nothing changed since").isFalse();

        Files.delete(file);
        assertThat(flags.refresh()).isTrue();
        assertThat(flags.enabled(FeatureFlag.MULTI_PHARMACY_COMPARISON, "patient_001")).as("back to configuration").isTrue();
    }

    @Test
    void aBrokenFileChangesNothing() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "multi_pharmacy_comparison: false\n");
        flags = new FeatureFlags(FeatureFlags.of(Map.of()).rollouts(), file);
        assertThat(flags.enabled(FeatureFlag.MULTI_PHARMACY_COMPARISON, "patient_001")).isFalse();

        Files.writeString(file, "multi_pharmacy_comparison: maybe\nno_such_flag: true\n");

        assertThat(flags.refresh()).isFalse();
        assertThat(flags.enabled(FeatureFlag.MULTI_PHARMACY_COMPARISON, "patient_001")).isFalse();
    }
}
