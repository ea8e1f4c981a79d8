package com.rxflow.processor.conversation.workflow;

/**
 * What happened to the open request, recorded with every {@code RequestUpdated} so a reader of the
 * domain log sees why the request changed without comparing the before and after. The event keeps
 * the name as a string ({@link EventCodes} converts); a new conversation type adds its changes here.
 */
public enum RequestChange {
    // any conversation type
    OPENED, FINISHED, FAILED, CLEARED, STARTED_OVER, RETRIED, TOOL_TIMED_OUT,
    // simple questions
    ASKING_TOOLS, ANSWERED, MEDICATION_GIVEN, ORDER_FOUND, CANCEL_CONFIRMED,
    // clinical questions
    ANSWERED_BY_PHARMACIST,
    // refill: identification
    AWAITING_HISTORY, CLARIFYING, CLARIFY_REJECTED, UNRECOGNIZED, CORRECTED, MEDICATION_IDENTIFIED,
    MEDICATION_REJECTED, STRENGTH_STATED, RENEWAL_APPROVED, NEXT_MEDICATION,
    // refill: checks and gates
    ASSESSED,
    // refill: pharmacy choice
    FINDING_PHARMACIES, PHARMACIES_OFFERED, PHARMACY_SELECTED, OUT_OF_STOCK, IN_STOCK,
    // refill: ordering
    ORDER_CONFIRMED, ORDER_PLACED
}
