package com.rxflow.processor.understanding;

import java.util.List;

/**
 * What the interpreter may use besides the words: the patient's own medications (from the tools,
 * kept in the conversation's state) and the pharmacies the assistant just listed.
 *
 * @param medications    the patient's medications
 * @param pharmacies     the numbered pharmacy list last shown, first is number 1
 * @param awaitingAnswer whether the assistant has just asked the patient a question, so the message is
 *                       read as its answer (only the keyword rules read answers)
 */
public record InterpretationContext(List<KnownMedication> medications, List<ListedPharmacy> pharmacies,
        boolean awaitingAnswer) {

    public InterpretationContext {
        medications = List.copyOf(medications);
        pharmacies = List.copyOf(pharmacies);
    }

    /** A context for a message that is not the answer to a question. */
    public InterpretationContext(List<KnownMedication> medications, List<ListedPharmacy> pharmacies) {
        this(medications, pharmacies, false);
    }

    public static InterpretationContext empty() {
        return new InterpretationContext(List.of(), List.of());
    }

    /** One of the patient's medications as the tools described it. */
    public record KnownMedication(String name, String genericName, List<String> brandNames, String condition,
            String drugClass) {

        public KnownMedication {
            brandNames = brandNames == null ? List.of() : List.copyOf(brandNames);
        }
    }

    /** A pharmacy in the list shown to the patient. */
    public record ListedPharmacy(String pharmacyId, String name) {
    }
}
