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
 * @param understoodBy   which layer decided the intent
 * @param confident      whether that layer is sure; the keyword rules are sure when a strong rule matched
 */
public record Interpretation(Intent intent, Set<Intent> intents, List<MedicationMention> medications,
        String strength, Integer quantity, Integer daysSupply, String zip, PharmacyChoice pharmacy,
        String unresolvedTerm, Layer understoodBy, boolean confident) {

    /** The layer of understanding that decided the intent. */
    public enum Layer {
        /** The keyword rules of intents.txt. */
        KEYWORD,
        /** The classifier over sentence embeddings and word n-grams, trained on the tuning set. */
        SEMANTIC,
        /** A language model's proposal, validated by deterministic code. */
        MODEL
    }

    public Interpretation {
        intents = Set.copyOf(intents);
        medications = List.copyOf(medications);
    }

    /** The same entities with another intent, as another layer understood it. */
    public Interpretation withIntent(Intent primary, Set<Intent> all, Layer layer, boolean sure) {
        return new Interpretation(primary, all, medications, strength, quantity, daysSupply, zip, pharmacy,
                unresolvedTerm, layer, sure);
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
