package com.rxflow.processor.understanding;

import java.util.List;

/**
 * A medication the patient referred to.
 *
 * @param name          the medication as named in the patient's record, or the vocabulary's generic
 *                      name when the patient does not take it; null when the reference is ambiguous
 * @param inPatientList true when it is one of the patient's own medications
 * @param matchedBy     GENERIC, BRAND, CONDITION, MISSPELLING or FUZZY
 * @param confidence    0 to 1; 1 for an exact name
 * @param candidates    the medications it may mean when two or more are close (a clarifying question
 *                      is due); otherwise just {@code name}
 * @param matchedText   the words of the message that matched
 */
public record MedicationMention(String name, boolean inPatientList, String matchedBy, double confidence,
        List<String> candidates, String matchedText) {

    public MedicationMention {
        candidates = List.copyOf(candidates);
    }

    public boolean ambiguous() {
        return candidates.size() > 1;
    }
}
