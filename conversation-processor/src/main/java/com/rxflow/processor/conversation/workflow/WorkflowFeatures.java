package com.rxflow.processor.conversation.workflow;

/**
 * The switchable parts of the workflow, decided for the conversation's patient outside the core
 * (from the feature flags, in the Kafka Streams shell) and passed in with each input, so the core
 * stays a pure function of its inputs.
 *
 * @param interactionCheck a refill's safety checks include the drug interaction check (flag
 *                         {@code enhanced_drug_checking}); the allergy check runs whatever this says
 * @param priceComparison  a refill compares prices across several pharmacies (flag
 *                         {@code multi_pharmacy_comparison}); without it the nearest pharmacy with the
 *                         medication in stock is offered, with no price comparison
 */
public record WorkflowFeatures(boolean interactionCheck, boolean priceComparison) {

    /** Everything on: the developer guide's defaults. */
    public static final WorkflowFeatures ALL = new WorkflowFeatures(true, true);
}
