package com.rxflow.processor.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.rxflow.processor.understanding.semantic.Exemplar;
import com.rxflow.processor.understanding.semantic.IntentClassifier;
import com.rxflow.processor.understanding.semantic.SentenceEncoder;
import com.rxflow.processor.understanding.text.Corrector;
import com.rxflow.processor.understanding.text.Normaliser;

class LayeredInterpreterTest {

    private final DeterministicInterpreter keywords = new DeterministicInterpreter(DrugVocabulary.bundled());
    private final AtomicInteger encoded = new AtomicInteger();
    /** A stand-in for the sentence model: each word lights one of 64 dimensions; counts its calls. */
    private final SentenceEncoder words = sentence -> {
        encoded.incrementAndGet();
        float[] v = new float[64];
        for (String w : sentence.split(" +")) {
            v[Math.floorMod(w.hashCode(), 64)] += 1;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.max(1e-9, Math.sqrt(norm));
        }
        return v;
    };

    @Test
    void aShortConfidentRequestNeverPaysForAnEmbedding() {
        LayeredInterpreter layered = new LayeredInterpreter(keywords, classifier());
        int before = encoded.get();
        assertThat(layered.interpret("refill my lisinopril", JohnSmith.context()).intent()).isEqualTo(Intent.REFILL);
        assertThat(layered.interpret("where is my order", JohnSmith.context()).intent()).isEqualTo(Intent.ORDER_STATUS);
        assertThat(encoded.get()).isEqualTo(before);
    }

    @Test
    void aLongerMessageWithAnOftenWrongRuleIsAskedAgainButAnAnswerNeverIs() {
        LayeredInterpreter layered = new LayeredInterpreter(keywords, classifier());
        int before = encoded.get();
        layered.interpret("i took all my pills today, can you log that for me", JohnSmith.context());
        assertThat(encoded.get()).isEqualTo(before + 1);
        InterpretationContext awaiting = new InterpretationContext(JohnSmith.context().medications(), List.of(), true);
        assertThat(layered.interpret("yes please go ahead and place the order now", awaiting).intent()).isEqualTo(Intent.YES);
        assertThat(encoded.get()).isEqualTo(before + 1);
    }

    @Test
    void theClassifierOverrulesAConfidentRuleOnlyByAClearLead() {
        LayeredInterpreter layered = new LayeredInterpreter(keywords, null);
        Interpretation rule = keywords.interpret("i took all my pills today, can you log that for me", JohnSmith.context());
        assertThat(rule.confident()).isTrue();
        Intent said = rule.intent();
        double lead = LayeredInterpreter.OVERRULE;
        Interpretation clear = layered.reconsider(rule, List.of(Map.entry("ADHERENCE", 0.9),
                Map.entry(said.name(), 0.9 - lead - 0.01)));
        assertThat(clear.intent()).isEqualTo(Intent.ADHERENCE);
        assertThat(clear.has(said)).isFalse();
        Interpretation close = layered.reconsider(rule, List.of(Map.entry("ADHERENCE", 0.9),
                Map.entry(said.name(), 0.9 - lead + 0.01)));
        assertThat(close.intent()).isEqualTo(said);
        // a "yes" from the classifier is never taken, however far ahead
        Interpretation yes = layered.reconsider(rule, List.of(Map.entry("YES", 5.0), Map.entry(said.name(), 0.0),
                Map.entry("ADHERENCE", -0.2)));
        assertThat(yes.intent()).isEqualTo(said);
    }

    @Test
    void aQuestionOnlyAPharmacistMayAnswerIsNeverOverruledIntoOneTheAssistantAnswers() {
        LayeredInterpreter layered = new LayeredInterpreter(keywords, null);
        Interpretation rule = keywords.interpret("should i stop the omeprazole now that my heartburn is gone for good",
                JohnSmith.context());
        assertThat(LayeredInterpreter.PHARMACISTS).contains(rule.intent());
        Interpretation kept = layered.reconsider(rule, List.of(Map.entry("REFILL", 3.0), Map.entry(rule.intent().name(), 0.0)));
        assertThat(kept.intent()).isEqualTo(rule.intent());
        Intent other = rule.intent() == Intent.CLINICAL_QUESTION ? Intent.DOSING_QUESTION : Intent.CLINICAL_QUESTION;
        Interpretation moved = layered.reconsider(rule, List.of(Map.entry("REFILL", 3.0), Map.entry(other.name(), 2.0),
                Map.entry(rule.intent().name(), 0.0)));
        assertThat(moved.intent()).isEqualTo(other);
    }

    private IntentClassifier classifier() {
        List<Exemplar> exemplars = List.of(
                new Exemplar("REFILL", "-", "-", "refill my lisinopril please"),
                new Exemplar("REFILL", "-", "-", "i need more metformin"),
                new Exemplar("ADHERENCE", "-", "-", "log that i took my pills today"),
                new Exemplar("ADHERENCE", "-", "-", "remind me to take my meds"),
                new Exemplar("ORDER_STATUS", "-", "-", "where is my order"),
                new Exemplar("ORDER_STATUS", "-", "-", "is my refill ready yet"));
        return new IntentClassifier(words, new Normaliser(Corrector.NONE), exemplars);
    }
}
