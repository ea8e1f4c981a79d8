package com.rxflow.processor.features;

import com.rxflow.platform.features.FeatureFlag;
import com.rxflow.platform.features.FeatureFlags;
import com.rxflow.processor.conversation.workflow.WorkflowFeatures;

/**
 * Which of the workflow's switchable parts apply to a patient, from the service's feature flags.
 * Evaluated in the Kafka Streams shell for every input, with the conversation's patient, and
 * handed to the pure workflow core as part of its input (the core reads no flags).
 */
@FunctionalInterface
public interface FeaturePolicy {

    /** Every feature on, whoever the patient: topology tests and the benchmarks. */
    FeaturePolicy ALL = patientId -> WorkflowFeatures.ALL;

    WorkflowFeatures forPatient(String patientId);

    static FeaturePolicy of(FeatureFlags flags) {
        return patientId -> new WorkflowFeatures(
                flags.enabled(FeatureFlag.ENHANCED_DRUG_CHECKING, patientId),
                flags.enabled(FeatureFlag.MULTI_PHARMACY_COMPARISON, patientId));
    }
}
