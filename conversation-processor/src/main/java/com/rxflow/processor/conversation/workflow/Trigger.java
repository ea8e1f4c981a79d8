package com.rxflow.processor.conversation.workflow;

import com.rxflow.processor.understanding.Intent;

/**
 * Why the conversation moved from one step to another, recorded with every {@code StateChanged}
 * (the event keeps the name as a string; {@link EventCodes} converts). A request opened by an intent
 * moves on the intent's own name, and a handoff moves on the first reason of its case, so those
 * names are triggers too.
 */
public enum Trigger {
    // the patient steers
    START_OVER, CANCELLED_BY_PATIENT, PATIENT_CANCELLED, NEW_REQUEST, RETRY,
    // requests opened by an intent (the intent's name)
    INTERACTION_QUESTION, DOSING_QUESTION, SIDE_EFFECTS, CLINICAL_QUESTION, REFILL, ORDER_STATUS, ALLERGY_QUESTION,
    COVERAGE, PRICE, ADHERENCE, FIND_PHARMACY, DRUG_INFO, LIST_MEDICATIONS, CANCEL_ORDER,
    // tools and time
    TOOLS_ASKED, ANSWERED, TOOL_FAILED, TOOL_TIMEOUT, INACTIVITY,
    // simple questions
    ORDER_FOUND, CANCELLATION_CONFIRMED, CANCELLATION_DECLINED,
    // safety and the people behind the assistant
    RED_FLAG, PATIENT_REQUEST, RETURNED_TO_ASSISTANT, ESCALATION_WITHDRAWN, CLOSED_BY_PHARMACIST,
    // refill: identification
    REFILL_REQUESTED, RENEWAL_APPROVED, MEDICATION_UNKNOWN, MEDICATION_AMBIGUOUS, MEDICATION_NOT_FOUND,
    CANDIDATE_REJECTED, MEDICATION_IDENTIFIED, MEDICATION_REJECTED, NEXT_MEDICATION,
    // refill: the gates (a rule that hands the refill to a pharmacist moves on its own name)
    GATES_PASSED, PRESCRIBER_ROUTE, PRIOR_AUTHORIZATION_REQUIRED, ALLERGY_CONFLICT, SERIOUS_INTERACTION,
    NOT_IN_HISTORY, EARLY_REFILL,
    // refill: pharmacy choice and ordering
    DOSAGE_CONFIRMED, PHARMACIES_FOUND, PHARMACY_SELECTED, OUT_OF_STOCK, IN_STOCK, ORDER_DECLINED, ORDER_CONFIRMED,
    ORDER_PLACED,
    // a tool with side effects answered after the conversation gave up on it (the reason of its case)
    LATE_SIDE_EFFECT;

    /** The trigger of a request opened by {@code intent}: the intent's name, as recorded since the first release. */
    public static Trigger requested(Intent intent) {
        if (!intent.isRequest()) {
            throw new IllegalArgumentException(intent + " opens no request");
        }
        return valueOf(intent.name());
    }
}
