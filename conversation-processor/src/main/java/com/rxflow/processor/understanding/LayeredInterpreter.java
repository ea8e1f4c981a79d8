package com.rxflow.processor.understanding;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.semantic.IntentClassifier;
import com.rxflow.processor.understanding.semantic.MiniLmEncoder;
import com.rxflow.processor.understanding.text.Corrector;
import com.rxflow.processor.understanding.text.Normaliser;

/**
 * Understanding in layers: the keyword rules first ({@link DeterministicInterpreter}, medications,
 * strengths, ZIP codes and pharmacy choices always come from them); when they are not confident (no
 * strong rule, or only weak hints) the semantic classifier decides the intent, with the keyword
 * hints as a nudge. A confident rule is asked for a second opinion only for the intents the rules
 * often get wrong, in longer messages, and overruled only by a clear lead. Answers the assistant is waiting for ("yes", "the second one") are the keyword
 * rules' alone: an order is placed on an explicit yes, never on a guess. What neither layer
 * understands stays UNKNOWN, and the patient is asked a clarifying question.
 */
public final class LayeredInterpreter implements Interpreter {

    /** How much a keyword hint adds to the classifier's score of its intent; tuned on the tuning set. */
    static final double HINT = 0.1;
    /** Below this score the classifier's best guess is not taken; tuned on the tuning set. */
    static final double FLOOR = -0.6;
    /**
     * Intents a keyword rule gives confidently that the classifier may still overrule: those where,
     * by ten-fold cross-validation on the tuning set, overruling fixes more messages than it breaks
     * (IntentKernelTuning#overrulesByIntent). Only messages of {@link #SECOND_OPINION_WORDS} words or
     * more are asked, so short requests, most of the traffic, never pay for an embedding.
     */
    static final Set<Intent> SECOND_OPINION = Set.of(Intent.CANCEL, Intent.REFILL, Intent.ORDER_STATUS,
            Intent.COVERAGE, Intent.PRICE, Intent.ADHERENCE, Intent.FIND_PHARMACY, Intent.DRUG_INFO,
            Intent.LIST_MEDICATIONS, Intent.DOSING_QUESTION, Intent.CLINICAL_QUESTION);
    /** Questions only a pharmacist may answer: one is never overruled into something the assistant answers. */
    static final Set<Intent> PHARMACISTS = Set.of(Intent.INTERACTION_QUESTION, Intent.DOSING_QUESTION,
            Intent.SIDE_EFFECTS, Intent.CLINICAL_QUESTION);
    /** How far the classifier must lead the rule's intent to overrule it; tuned on the tuning set. */
    static final double OVERRULE = 0.5;
    /** The fewest words of a message whose confident rule gets a second opinion; tuned on the tuning set. */
    static final int SECOND_OPINION_WORDS = 6;
    /** Intents only the keyword rules may give: answers, where a guess could confirm an order. */
    private static final Set<Intent> KEYWORD_ONLY = Set.of(Intent.YES, Intent.NO, Intent.CORRECTION);

    private static final Once<LayeredInterpreter> BUNDLED = new Once<>(() -> new LayeredInterpreter(
            new DeterministicInterpreter(DrugVocabulary.bundled()), new IntentClassifier(MiniLmEncoder.shared(),
                    new Normaliser(Corrector.NONE), SafetyScreen.intentExemplars())));

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

    /** The semantic classifier, for the build step that keeps its solution ({@link UnderstandingSnapshot}). */
    IntentClassifier classifier() {
        return classifier;
    }

    @Override
    public Interpretation interpret(String text, InterpretationContext context) {
        Interpretation understood = keywords.interpret(text, context);
        if (context.awaitingAnswer()) {
            return understood;
        }
        if (understood.confident()) {
            return asksSecondOpinion(understood, text) ? reconsider(understood, classifier.rank(text)) : understood;
        }
        return decide(understood, classifier.rank(text));
    }

    /** Whether a confident rule's intent is one the rules often get wrong in a message this long. */
    static boolean asksSecondOpinion(Interpretation understood, String text) {
        return SECOND_OPINION.contains(understood.intent())
                && text.strip().split("\\s+").length >= SECOND_OPINION_WORDS;
    }

    /**
     * The classifier's intent instead of the confident rule's when it leads it by more than
     * {@link #OVERRULE}; never an answer ("yes", "no"), a pharmacist's question only by another, and
     * what else the patient said stays said.
     */
    Interpretation reconsider(Interpretation understood, List<Map.Entry<String, Double>> ranked) {
        boolean pharmacists = PHARMACISTS.contains(understood.intent());
        Map.Entry<String, Double> best = ranked.stream()
                .filter(e -> !KEYWORD_ONLY.contains(Intent.valueOf(e.getKey())))
                .filter(e -> !pharmacists || PHARMACISTS.contains(Intent.valueOf(e.getKey()))).findFirst().orElse(null);
        double said = ranked.stream().filter(e -> e.getKey().equals(understood.intent().name()))
                .mapToDouble(Map.Entry::getValue).findFirst().orElse(Double.NEGATIVE_INFINITY);
        if (best == null || best.getValue() - said <= OVERRULE) {
            return understood;
        }
        Intent chosen = Intent.valueOf(best.getKey());
        java.util.Set<Intent> all = java.util.EnumSet.of(chosen);
        understood.intents().stream().filter(i -> !i.isRequest() && i != understood.intent()).forEach(all::add);
        return understood.withIntent(chosen, all, Interpretation.Layer.SEMANTIC, true);
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
