package com.rxflow.processor.understanding.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.rxflow.processor.understanding.semantic.Exemplar;
import com.rxflow.processor.understanding.semantic.ExemplarIndex;

/**
 * Short messages without a word the rules know still reach the semantic layer when they read like
 * an emergency (the gate, a model over their words and letters), while short ordinary requests stay
 * on the cheap path and never pay for a sentence embedding.
 */
class RiskGateTest {

    @Test
    void theGateOpensForWordsItLearntFromEmergenciesAndStaysShutForOrdinaryRequests() {
        List<Exemplar> exemplars = List.of(
                new Exemplar("SUICIDE_SELF_HARM", null, "", "i bought a rope"),
                new Exemplar("SUICIDE_SELF_HARM", null, "", "bought a rope today"),
                new Exemplar("SUICIDE_SELF_HARM", null, "", "got a rope and a chair"),
                new Exemplar("NONE", null, "", "refill my omeprazole"),
                new Exemplar("NONE", null, "", "refill my lisinopril please"),
                new Exemplar("NONE", null, "", "where is my refill"));
        ExemplarIndex index = new ExemplarIndex(sentence -> new float[] {1f}, text -> text, exemplars, 1);
        RiskGate gate = RiskGate.fit(index);

        assertThat(gate.score("i have a rope")).isGreaterThan(0).isGreaterThan(gate.score("refill my metformin"));
        assertThat(gate.score("refill my metformin")).isLessThan(0);
        assertThat(gate.opens("i have a rope")).isTrue();
        assertThat(gate.opens("a rope")).as("two words are never judged").isFalse();
    }

    private final SafetyScreen screen = SafetyScreen.bundled();

    @ParameterizedTest
    @ValueSource(strings = {"i bought a rope today", "tonight i finally go"})
    void aShortMessageNoRuleNamesThatReadsLikeAnEmergencyIsJudgedByTheSemanticLayer(String message) {
        Screening verdict = screen.screen(message);
        assertThat(verdict.layer()).as(message + " " + verdict.evidence()).isNotEqualTo(ScreenLayer.LEXICAL);
        assertThat(verdict.alarms()).as(message + " " + verdict.evidence()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Refill my omeprazole", "yes", "2", "the cheapest", "Which medications am I on?",
        "where is my order", "thanks", "how much is lisinopril", "ok thank you bye"})
    void aShortOrdinaryRequestIsClearedByTheRulesWithoutTheSemanticLayer(String message) { // the bench's among them
        Screening verdict = screen.screen(message);
        assertThat(verdict.alarms()).as(message).isFalse();
        assertThat(verdict.layer()).as(message).isEqualTo(ScreenLayer.LEXICAL);
    }
}
