package com.rxflow.processor.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.rxflow.processor.understanding.InterpretationContext.KnownMedication;

/**
 * Deterministic validation of a language model's proposal: the model only proposes, this decides
 * what of it may be used. An intent must be one of RxFlow's, and not one the keyword rules alone
 * may give (a yes that confirms an order, a no, a correction); a medication must be on the
 * patient's own list or in the drug vocabulary, named by its generic or brand name. Strengths,
 * quantities and ZIP codes are never taken from a model: the interpreter reads them from the
 * patient's own words. Whatever a message told the model to do, only these values get through.
 */
public final class ProposalValidator {

    /** Intents a model may never give: answers, where a guess could confirm an order. */
    static final Set<Intent> FORBIDDEN = Set.of(Intent.YES, Intent.NO, Intent.CORRECTION);

    /**
     * What survived validation.
     *
     * @param intent      the proposed intent, or null when it was rejected
     * @param medications the proposed medications that are the patient's or in the vocabulary
     * @param dropped     what was dropped and why ("intent:PLACE_ORDER", "medication:oxycodone")
     */
    public record Validated(Intent intent, List<MedicationMention> medications, List<String> dropped) {

        public Validated {
            medications = List.copyOf(medications);
            dropped = List.copyOf(dropped);
        }

        public boolean accepted() {
            return intent != null;
        }
    }

    private final DrugVocabulary vocabulary;

    public ProposalValidator(DrugVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    public Validated validate(String proposedIntent, List<String> proposedMedications, InterpretationContext context) {
        List<String> dropped = new ArrayList<>();
        Intent intent = intent(proposedIntent);
        if (intent == null) {
            dropped.add("intent:" + proposedIntent);
        }
        List<MedicationMention> medications = new ArrayList<>();
        for (String name : proposedMedications) {
            MedicationMention mention = medication(name, context);
            if (mention == null) {
                dropped.add("medication:" + name);
            } else if (medications.stream().noneMatch(m -> m.name().equals(mention.name()))) {
                medications.add(mention);
            }
        }
        return new Validated(intent, medications, dropped);
    }

    private static Intent intent(String proposed) {
        if (proposed == null) {
            return null;
        }
        try {
            Intent intent = Intent.valueOf(proposed.strip().toUpperCase(Locale.ROOT));
            return FORBIDDEN.contains(intent) ? null : intent;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private MedicationMention medication(String proposed, InterpretationContext context) {
        if (proposed == null || proposed.isBlank()) {
            return null;
        }
        String name = proposed.strip().toLowerCase(Locale.ROOT);
        for (KnownMedication known : context.medications()) {
            boolean same = name.equals(known.name().toLowerCase(Locale.ROOT))
                    || known.genericName() != null && name.equals(known.genericName().toLowerCase(Locale.ROOT))
                    || known.brandNames().stream().anyMatch(b -> b.toLowerCase(Locale.ROOT).equals(name));
            if (same) {
                return new MedicationMention(known.name(), true, "MODEL", 1.0, List.of(known.name()), name);
            }
        }
        DrugVocabulary.Drug drug = vocabulary.byName(name);
        return drug == null ? null
                : new MedicationMention(drug.generic(), false, "MODEL", 1.0, List.of(drug.generic()), name);
    }
}
