package com.rxflow.processor.understanding.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rxflow.processor.understanding.text.Normaliser;

/**
 * The semantic intent layer: a linear classifier over a message's sentence embedding and its
 * hashed n-grams, fitted at start-up on the labelled tuning messages. It decides when the keyword
 * rules are not confident. Pure after construction: the same words always get the same scores.
 */
public final class IntentClassifier {

    /** How much the n-grams weigh beside the embedding; chosen by cross-validation on the tuning set. */
    static final float NGRAM_WEIGHT = 0.5f;
    /** The ridge penalty; chosen by cross-validation on the tuning set. */
    static final double LAMBDA = 0.1;

    private final SentenceEncoder encoder;
    private final Normaliser normaliser;
    private final RidgeClassifier classifier;

    public IntentClassifier(SentenceEncoder encoder, Normaliser normaliser, List<Exemplar> exemplars) {
        this.encoder = encoder;
        this.normaliser = normaliser;
        List<float[]> features = new ArrayList<>(exemplars.size());
        List<String> labels = new ArrayList<>(exemplars.size());
        for (Exemplar e : exemplars) {
            features.add(features(e.text()));
            labels.add(e.label());
        }
        this.classifier = RidgeClassifier.fit(features, labels, LAMBDA);
    }

    /** The intents by score for a message, best first. */
    public List<Map.Entry<String, Double>> rank(String text) {
        return classifier.rank(features(text));
    }

    /** The feature vector of a message: its embedding, then its weighted n-grams. */
    public float[] features(String text) {
        String normal = normaliser.normalise(text).text();
        float[] embedding = encoder.encode(normal);
        float[] grams = HashedNgrams.of(normal);
        float[] out = new float[embedding.length + grams.length];
        System.arraycopy(embedding, 0, out, 0, embedding.length);
        for (int i = 0; i < grams.length; i++) {
            out[embedding.length + i] = grams[i] * NGRAM_WEIGHT;
        }
        return out;
    }
}
