package com.rxflow.processor.understanding;

import java.util.List;
import java.util.Set;

/**
 * What the interpreter understood of one message: every intent it recognised (the primary one
 * first by precedence) and the entities it found.
 *
 * @param intent         the primary intent
 * @param intents        every intent recognised
 * @param medications    medications referred to, in the order they appear
 * @param strength       a strength, normalised (10mg, 0.5mg), or null
 * @param quantity       a number of units, or null
 * @param daysSupply     a days supply, or null
 * @param zip            a ZIP code, or null
 * @param pharmacy       a pharmacy choice, or null
 * @param unresolvedTerm a word that looks like a medication name but matched nothing, or null
 */
public record Interpretation(Intent intent, Set<Intent> intents, List<MedicationMention> medications,
        String strength, Integer quantity, Integer daysSupply, String zip, PharmacyChoice pharmacy,
        String unresolvedTerm) {

    public Interpretation {
        intents = Set.copyOf(intents);
        medications = List.copyOf(medications);
    }

    public boolean has(Intent wanted) {
        return intents.contains(wanted);
    }

    /** An explicit yes: a yes that is not also a no. Only this places an order. */
    public boolean isExplicitYes() {
        return has(Intent.YES) && !has(Intent.NO) && !has(Intent.CANCEL) && !has(Intent.CORRECTION);
    }

    public MedicationMention firstMedication() {
        return medications.isEmpty() ? null : medications.get(0);
    }
}
