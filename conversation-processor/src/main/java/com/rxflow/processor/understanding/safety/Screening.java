package com.rxflow.processor.understanding.safety;

import java.util.List;

/**
 * The safety screen's verdict on one message.
 *
 * @param level      emergency, uncertain or clear
 * @param categories the emergencies the message may describe, the one that decides the reply first;
 *                   empty when clear
 * @param layer      the layer that decided
 * @param evidence   why, for the pharmacist and the domain log: the rule's words that matched, or the
 *                   nearest exemplar; null when clear and nothing was compared
 * @param score      the semantic layer's similarity to the nearest emergency exemplar (0 to 1), or 1 for
 *                   a rule, or 0 when clear without comparison
 * @param spanish    whether the message reads as Spanish, so the reply is in Spanish too
 */
public record Screening(ScreenLevel level, List<EmergencyCategory> categories, ScreenLayer layer, String evidence,
        double score, boolean spanish) {

    public Screening {
        categories = List.copyOf(categories);
        if (level != ScreenLevel.CLEAR && categories.isEmpty()) {
            throw new IllegalArgumentException("an alarm names at least one category");
        }
    }

    static Screening clear(ScreenLayer layer, String evidence, double score, boolean spanish) {
        return new Screening(ScreenLevel.CLEAR, List.of(), layer, evidence, score, spanish);
    }

    /** Whether the patient must be answered by the safety reply (emergency or uncertain). */
    public boolean alarms() {
        return level != ScreenLevel.CLEAR;
    }

    /** The category that decides the reply. */
    public EmergencyCategory primary() {
        return categories.isEmpty() ? null : categories.get(0);
    }

    /** Whether any category calls for 988. */
    public boolean suicideRisk() {
        return categories.contains(EmergencyCategory.SUICIDE_SELF_HARM);
    }
}
