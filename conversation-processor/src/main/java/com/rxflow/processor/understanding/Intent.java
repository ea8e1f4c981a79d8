package com.rxflow.processor.understanding;

/**
 * What a patient's message asks for. An interpretation may carry several (a "yes" that also picks
 * a pharmacy); the workflow reads the one it needs at the step it is in.
 */
public enum Intent {
    // repair and control, strongest first
    START_OVER, CANCEL_ORDER, CANCEL, TALK_TO_PERSON, CORRECTION,
    // questions only a pharmacist may answer
    INTERACTION_QUESTION, DOSING_QUESTION, SIDE_EFFECTS, CLINICAL_QUESTION,
    // requests the assistant serves
    REFILL, ORDER_STATUS, ALLERGY_QUESTION, COVERAGE, PRICE, ADHERENCE, FIND_PHARMACY, DRUG_INFO, LIST_MEDICATIONS,
    // answers to the assistant's questions
    NO, YES,
    // small talk
    GREETING, THANKS, GOODBYE, HELP,
    UNKNOWN;

    /** Intents that start a request of their own (as opposed to answering the assistant or small talk). */
    public boolean isRequest() {
        return compareTo(INTERACTION_QUESTION) >= 0 && compareTo(LIST_MEDICATIONS) <= 0;
    }

    public boolean isSmallTalk() {
        return this == GREETING || this == THANKS || this == GOODBYE || this == HELP || this == UNKNOWN;
    }
}
