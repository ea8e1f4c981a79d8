package com.rxflow.processor.understanding.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import com.rxflow.processor.understanding.semantic.ExemplarIndex;
import com.rxflow.processor.understanding.semantic.Features;
import com.rxflow.processor.understanding.semantic.HashedNgrams;
import com.rxflow.processor.understanding.semantic.LinearRidge;

/**
 * The supervised half of the semantic layer: a linear model over a message's sentence embedding and
 * its hashed word and letter n-grams, fitted at start-up on the same labelled exemplars the nearest
 * neighbours compare with, scoring two things: how much the message reads as an emergency (+1) or
 * harmless (-1), and how much it reads as a risk of suicide. Where the nearest exemplars are one
 * lucky neighbour, the model weighs every exemplar; together they miss fewer emergencies than either
 * alone at the same false alarms (docs/understanding.md). Pure after construction.
 */
public final class RiskModel {

    /** How much the n-grams weigh beside the embedding; chosen by cross-validation on the tuning set. */
    static final float NGRAM_WEIGHT = 0.5f;
    /** The ridge penalty; chosen by cross-validation on the tuning set. */
    static final double LAMBDA = 0.3;

    /** A message's two scores. */
    public record Risk(double emergency, double suicide) {
        public static final Risk NONE = new Risk(-1, -1);
    }

    private final LinearRidge model;

    private RiskModel(LinearRidge model) {
        this.model = model;
    }

    /** Fitted on every exemplar of the index. */
    public static RiskModel fit(ExemplarIndex index) {
        return fit(index, i -> true);
    }

    /** Fitted on the exemplars {@code use} accepts (for cross-validation). */
    public static RiskModel fit(ExemplarIndex index, IntPredicate use) {
        List<Features> features = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < index.exemplars().size(); i++) {
            if (use.test(i)) {
                features.add(features(index.vector(i), index.normal(i)));
                labels.add(index.exemplars().get(i).label());
            }
        }
        double[][] targets = new double[2][labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            targets[0][i] = labels.get(i).equals(SafetyScreen.NONE) ? -1 : 1;
            targets[1][i] = labels.get(i).equals(EmergencyCategory.SUICIDE_SELF_HARM.name()) ? 1 : -1;
        }
        return new RiskModel(LinearRidge.fit(features, targets, LAMBDA));
    }

    /** The scores of a message from its embedding and the normal form it was encoded from. */
    public Risk score(float[] embedding, String normalText) {
        Features x = features(embedding, normalText);
        return new Risk(model.score(0, x), model.score(1, x));
    }

    public int iterations() {
        return model.iterations();
    }

    /** The fitted model, for the build step that keeps it. */
    public LinearRidge model() {
        return model;
    }

    private static Features features(float[] embedding, String normalText) {
        return Features.of(embedding, HashedNgrams.of(normalText), NGRAM_WEIGHT);
    }
}
