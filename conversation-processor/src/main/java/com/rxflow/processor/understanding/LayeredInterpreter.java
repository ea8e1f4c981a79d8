package com.rxflow.processor.understanding;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.semantic.Exemplars;
import com.rxflow.processor.understanding.semantic.IntentClassifier;
import com.rxflow.processor.understanding.semantic.MiniLmEncoder;
import com.rxflow.processor.understanding.text.Corrector;
import com.rxflow.processor.understanding.text.Normaliser;

/**
 * Understanding in layers: the keyword rules first ({@link DeterministicInterpreter}, medications,
 * strengths, ZIP codes and pharmacy choices always come from them); when they are not confident (no
 * strong rule, or only weak hints) the semantic classifier decides the intent, with the keyword
 * hints as a nudge. Answers the assistant is waiting for ("yes", "the second one") are the keyword
 * rules' alone: an order is placed on an explicit yes, never on a guess. What neither layer
 * understands stays UNKNOWN, and the patient is asked a clarifying question.
 */
public final class LayeredInterpreter implements Interpreter {

    /** How much a keyword hint adds to the classifier's score of its intent; tuned on the tuning set. */
    static final double HINT = 0.1;
    /** Below this score the classifier's best guess is not taken; tuned on the tuning set. */
    static final double FLOOR = -0.6;
    /** Intents only the keyword rules may give: answers, where a guess could confirm an order. */
    private static final Set<Intent> KEYWORD_ONLY = Set.of(Intent.YES, Intent.NO, Intent.CORRECTION);

    private static final Once<LayeredInterpreter> BUNDLED = new Once<>(() -> new LayeredInterpreter(
            new DeterministicInterpreter(DrugVocabulary.bundled()), new IntentClassifier(MiniLmEncoder.shared(),
                    new Normaliser(Corrector.NONE), Exemplars.resource(SafetyScreen.INTENT_TUNING_SET))));

    private final DeterministicInterpreter keywords;
    private final IntentClassifier classifier;
    private final double hint;
    private final double floor;

    public LayeredInterpreter(DeterministicInterpreter keywords, IntentClassifier classifier) {
        this(keywords, classifier, HINT, FLOOR);
    }

    LayeredInterpreter(DeterministicInterpreter keywords, IntentClassifier classifier, double hint, double floor) {
        this.keywords = keywords;
        this.classifier = classifier;
        this.hint = hint;
        this.floor = floor;
    }

    /**
     * The keyword rules and the classifier fitted on the bundled intent tuning set, built once per
     * process (loading the sentence model and fitting take a few seconds).
     */
    public static LayeredInterpreter bundled() {
        return BUNDLED.get();
    }

    @Override
    public Interpretation interpret(String text, InterpretationContext context) {
        Interpretation understood = keywords.interpret(text, context);
        if (understood.confident() || context.awaitingAnswer()) {
            return understood;
        }
        return decide(understood, classifier.rank(text));
    }

    /**
     * The classifier's choice among the intents it may give, given the keyword hints; when the rules
     * said two requests strongly, the choice is between those two.
     */
    Interpretation decide(Interpretation understood, List<Map.Entry<String, Double>> ranked) {
        boolean conflict = understood.intents().stream().filter(Intent::isRequest).count() > 1;
        Intent best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Double> entry : ranked) {
            Intent intent = Intent.valueOf(entry.getKey());
            if (KEYWORD_ONLY.contains(intent) || conflict && !understood.intents().contains(intent)) {
                continue;
            }
            double score = entry.getValue() + (understood.intents().contains(intent) ? hint : 0);
            if (score > bestScore) {
                best = intent;
                bestScore = score;
            }
        }
        if (best == null || bestScore < floor) {
            return understood.withIntent(Intent.UNKNOWN, Set.of(), Interpretation.Layer.SEMANTIC, false);
        }
        java.util.Set<Intent> all = java.util.EnumSet.of(best);
        understood.intents().stream().filter(i -> !i.isRequest()).forEach(all::add); // "yes", "cancel" stay said
        return understood.withIntent(best, all, Interpretation.Layer.SEMANTIC, true);
    }
}
