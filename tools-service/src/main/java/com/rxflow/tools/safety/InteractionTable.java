package com.rxflow.tools.safety;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.rxflow.tools.medication.Drug;

/** Every documented interaction rule; the most severe one that applies to a pair wins. */
public final class InteractionTable {

    private final List<InteractionRule> rules;

    public InteractionTable(List<InteractionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The most severe rule between two different drugs, if any. */
    public Optional<InteractionRule> between(Drug first, Drug second) {
        if (first.id().equals(second.id())) {
            return Optional.empty();
        }
        return rules.stream().filter(rule -> rule.between(first, second))
                .max(Comparator.comparingInt(rule -> rule.severity().rank()));
    }

    public List<InteractionRule> rules() {
        return rules;
    }
}
