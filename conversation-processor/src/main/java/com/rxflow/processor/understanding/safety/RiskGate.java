package com.rxflow.processor.understanding.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import com.rxflow.processor.understanding.semantic.ExemplarIndex;
import com.rxflow.processor.understanding.semantic.Features;
import com.rxflow.processor.understanding.semantic.HashedNgrams;
import com.rxflow.processor.understanding.semantic.LinearRidge;

/**
 * The cheap layer's second opinion: which short messages without a cue word the semantic layer
 * should still look at. A linear model over a message's hashed word and letter n-grams only (no
 * sentence embedding, so tens of microseconds), fitted at start-up on the same labelled exemplars as
 * the semantic layer, scoring how much a message reads as an emergency. It never alarms by itself: a
 * message at or above {@link #LINE} goes on to the semantic layer, which decides. It catches what
 * no rule names ("i bought a rope today", "ctb tonight got the stuff", "ojala no despierte manana")
 * while ordinary short requests stay on the cheap path. Pure after construction.
 */
public final class RiskGate {

    /**
     * From this score on a message reaches the semantic layer; chosen by ten-fold cross-validation
     * on the tuning set ({@code SafetyTuning#gate}): most emergencies the rules would not send on, few
     * ordinary requests.
     */
    static final double LINE = -0.8;
    /**
     * Messages shorter than this are never opened: one or two words ("yes", "2", "the cheapest") are
     * answers and greetings, carry too few n-grams for the model to say anything but its average,
     * and an emergency in two words is one the rules name ("kms", "overdosed").
     */
    static final int MIN_WORDS = 3;
    /** The ridge penalty; the risk model's. */
    static final double LAMBDA = 0.3;

    private final LinearRidge model;

    private RiskGate(LinearRidge model) {
        this.model = model;
    }

    /** Fitted on every exemplar of the index. */
    public static RiskGate fit(ExemplarIndex index) {
        return fit(index, i -> true);
    }

    /** Fitted on the exemplars {@code use} accepts (for cross-validation). */
    public static RiskGate fit(ExemplarIndex index, IntPredicate use) {
        List<Features> features = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (int i = 0; i < index.exemplars().size(); i++) {
            if (use.test(i)) {
                features.add(features(index.normal(i)));
                targets.add(index.exemplars().get(i).label().equals(SafetyScreen.NONE) ? -1.0 : 1.0);
            }
        }
        double[][] y = new double[1][targets.size()];
        for (int i = 0; i < y[0].length; i++) {
            y[0][i] = targets.get(i);
        }
        return new RiskGate(LinearRidge.fit(features, y, LAMBDA));
    }

    /** The fitted model, for the build step that keeps it. */
    public LinearRidge model() {
        return model;
    }

    /** How much a message in normal form (idioms and taken-back clauses removed) reads as an emergency. */
    public double score(String normalText) {
        return model.score(0, features(normalText));
    }

    /** Whether the semantic layer should look at the message. */
    public boolean opens(String normalText) {
        return considers(normalText) && score(normalText) >= LINE;
    }

    /** Whether a message with this score opens the gate (for tuning, where the score is cross-validated). */
    static boolean opens(String normalText, double score) {
        return considers(normalText) && score >= LINE;
    }

    /** Whether the message is long enough for the gate to judge it. */
    static boolean considers(String normalText) {
        return SafetyScreen.words(normalText) >= MIN_WORDS;
    }

    private static Features features(String normalText) {
        return Features.of(new float[0], HashedNgrams.of(normalText), 1f);
    }
}
