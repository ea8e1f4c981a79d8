package com.rxflow.platform.features;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The feature flags as configured ({@code rxflow.features.*}), one property group per flag so
 * that every setting has an environment-variable form
 * ({@code RXFLOW_FEATURES_MULTIPHARMACYCOMPARISON_PERCENTAGE=25}). These are read once at start;
 * what changes at run time goes in the {@code file}, which is watched.
 *
 * @param file            a YAML file of flags (guide names: {@code multi_pharmacy_comparison: false} or
 *                        {@code {enabled, allow, percentage}}) that overrides the settings here and is
 *                        re-read when it changes, so a flag changes without a restart; none by default
 * @param refreshInterval how often the file is checked for changes
 */
@ConfigurationProperties("rxflow.features")
@Validated
public record FeatureFlagProperties(
        @Valid FlagSetting enhancedDrugChecking,
        @Valid FlagSetting multiPharmacyComparison,
        @Valid FlagSetting advancedAdherenceAnalytics,
        @Valid FlagSetting integrationEpicEhr,
        @Valid FlagSetting aiClinicalRecommendations,
        @Valid FlagSetting realTimeInventory,
        @Valid FlagSetting patientMobileApp,
        Path file,
        @NotNull @DefaultValue("10s") Duration refreshInterval) {

    /** Every flag's rollout: its default, with what is configured here on top. */
    public Map<FeatureFlag, Rollout> rollouts() {
        Map<FeatureFlag, FlagSetting> configured = new EnumMap<>(FeatureFlag.class);
        put(configured, FeatureFlag.ENHANCED_DRUG_CHECKING, enhancedDrugChecking);
        put(configured, FeatureFlag.MULTI_PHARMACY_COMPARISON, multiPharmacyComparison);
        put(configured, FeatureFlag.ADVANCED_ADHERENCE_ANALYTICS, advancedAdherenceAnalytics);
        put(configured, FeatureFlag.INTEGRATION_EPIC_EHR, integrationEpicEhr);
        put(configured, FeatureFlag.AI_CLINICAL_RECOMMENDATIONS, aiClinicalRecommendations);
        put(configured, FeatureFlag.REAL_TIME_INVENTORY, realTimeInventory);
        put(configured, FeatureFlag.PATIENT_MOBILE_APP, patientMobileApp);
        Map<FeatureFlag, Rollout> rollouts = new EnumMap<>(FeatureFlag.class);
        for (FeatureFlag flag : FeatureFlag.values()) {
            Rollout base = flag.enabledByDefault() ? Rollout.on() : Rollout.off();
            FlagSetting setting = configured.get(flag);
            rollouts.put(flag, setting == null ? base : setting.over(base));
        }
        return rollouts;
    }

    private static void put(Map<FeatureFlag, FlagSetting> settings, FeatureFlag flag, FlagSetting setting) {
        if (setting != null) {
            settings.put(flag, setting);
        }
    }
}
