package com.rxflow.processor.understanding.safety;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.rxflow.processor.understanding.semantic.Exemplar;
import com.rxflow.processor.understanding.semantic.Exemplars;
import com.rxflow.processor.understanding.text.Normaliser;

/**
 * The lexical rules alone on the safety TUNING set, in seconds (no sentence model): emergencies
 * they tell at once or question, harmless messages they alarm or question, each such message
 * listed, so that two versions of the rule file can be compared with {@code diff}. Run by hand:
 * {@code ./mvnw -pl conversation-processor -am test -Dtest=LexicalTuning -Drxflow.tuning=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "rxflow.tuning", matches = "true")
class LexicalTuning {

    @Test
    void report() {
        RedFlagRules rules = RedFlagRules.bundled();
        Normaliser normaliser = new Normaliser(rules.corrector(Set.of()));
        LexicalScreen lexical = new LexicalScreen(rules);
        List<Exemplar> rows = Exemplars.resource(SafetyScreen.TUNING_SET);
        int[] emergency = new int[3];
        int[] harmless = new int[3];
        for (Exemplar e : rows) {
            LexicalScreen.Findings f = lexical.scan(normaliser.normalise(e.text()));
            int level = !f.alarms().isEmpty() ? 0 : !f.warns().isEmpty() ? 1 : 2;
            boolean isEmergency = !e.label().equals(SafetyScreen.NONE);
            (isEmergency ? emergency : harmless)[level]++;
            if (isEmergency && level == 2) {
                System.out.println("NOT CAUGHT " + e.label() + ": " + e.text());
            } else if (!isEmergency && level < 2) {
                var hit = level == 0 ? f.alarms().get(0) : f.warns().get(0);
                System.out.println((level == 0 ? "FALSE ALARM " : "FALSE WARN ") + hit.category() + " " + hit.words()
                        + " <- " + e.text());
            }
        }
        System.out.printf("LEXICAL emergencies %d: alarm %d, warn %d, neither %d; harmless %d: alarm %d, warn %d%n",
                emergency[0] + emergency[1] + emergency[2], emergency[0], emergency[1], emergency[2],
                harmless[0] + harmless[1] + harmless[2], harmless[0], harmless[1]);
    }
}
