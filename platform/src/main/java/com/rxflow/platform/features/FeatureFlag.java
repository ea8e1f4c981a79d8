package com.rxflow.platform.features;

import java.util.Arrays;
import java.util.Optional;

/**
 * The feature flags of the RxFlow developer guide, by their guide names, with the guide's defaults.
 * Which service acts on which flag, and how, is in docs/configuration.md ("Feature flags").
 */
public enum FeatureFlag {

    /** The refill workflow checks drug interactions (never the allergy check, which always runs). */
    ENHANCED_DRUG_CHECKING("enhanced_drug_checking", true),
    /** Refills compare prices across several pharmacies; off: the nearest pharmacy in stock only. */
    MULTI_PHARMACY_COMPARISON("multi_pharmacy_comparison", true),
    /** Declared by the guide; the adherence tool's report is the same either way (nothing reads it yet). */
    ADVANCED_ADHERENCE_ANALYTICS("advanced_adherence_analytics", false),
    /** Declared by the guide; RxFlow has no Epic integration for it to switch. */
    INTEGRATION_EPIC_EHR("integration_epic_ehr", false),
    /** Declared by the guide; RxFlow gives no clinical advice by design, so it switches nothing. */
    AI_CLINICAL_RECOMMENDATIONS("ai_clinical_recommendations", true),
    /** Declared by the guide; inventory comes from the pharmacy data adapters either way. */
    REAL_TIME_INVENTORY("real_time_inventory", false),
    /** Declared by the guide; channels are configured as gateway clients, not by this flag. */
    PATIENT_MOBILE_APP("patient_mobile_app", false);

    private final String key;
    private final boolean enabledByDefault;

    FeatureFlag(String key, boolean enabledByDefault) {
        this.key = key;
        this.enabledByDefault = enabledByDefault;
    }

    /** The flag's name in OpenFeature and in the flags file, as the guide spells it. */
    public String key() {
        return key;
    }

    public boolean enabledByDefault() {
        return enabledByDefault;
    }

    public static Optional<FeatureFlag> byKey(String key) {
        return Arrays.stream(values()).filter(flag -> flag.key.equals(key)).findFirst();
    }
}
