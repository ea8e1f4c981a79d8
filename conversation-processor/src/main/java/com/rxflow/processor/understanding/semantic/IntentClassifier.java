package com.rxflow.processor.understanding.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.rxflow.processor.understanding.text.Normaliser;

/**
 * The semantic intent layer: a kernel ridge classifier over a message's sentence embedding and its
 * hashed n-grams, fitted at start-up on the labelled tuning messages. The quadratic kernel weighs
 * pairs of features too; by ten-fold cross-validation on the tuning set (round 11 in) it is right on
 * 91.9 % of messages against the linear kernel's 91.1 % (IntentKernelTuning). It decides when the keyword
 * rules are not confident. Pure after construction: the same words always get the same scores.
 *
 * <p>Solving the kernel system grows with the cube of the examples (about a minute for five thousand
 * on one core), so the build solves it once and keeps the solution ({@link #SOLUTION}); a start uses
 * it when its fingerprint matches the examples' features exactly, and solves again otherwise.
 */
public final class IntentClassifier {

    /** How much the n-grams weigh beside the embedding; chosen by cross-validation on the tuning set. */
    static final float NGRAM_WEIGHT = 0.5f;
    /** The ridge penalty; chosen by cross-validation on the tuning set. */
    static final double LAMBDA = 1.0;
    /** The kernel; chosen by cross-validation on the tuning set. */
    static final RidgeClassifier.Kernel KERNEL = RidgeClassifier.Kernel.QUADRATIC;
    /** The build-time solution for the bundled examples, a class-path resource. */
    public static final String SOLUTION = "/com/rxflow/processor/understanding/semantic/intent-solution.bin";

    private final SentenceEncoder encoder;
    private final Normaliser normaliser;
    private final float ngramWeight;
    private final RidgeClassifier classifier;
    private final String fingerprint;
    private final RidgeClassifier.Solution solution;
    private final boolean kept;

    public IntentClassifier(SentenceEncoder encoder, Normaliser normaliser, List<Exemplar> exemplars) {
        this(encoder, normaliser, exemplars, NGRAM_WEIGHT, LAMBDA, KERNEL);
    }

    /** With other settings than the tuned ones: for the tuning bench. */
    public IntentClassifier(SentenceEncoder encoder, Normaliser normaliser, List<Exemplar> exemplars,
            float ngramWeight, double lambda, RidgeClassifier.Kernel kernel) {
        this.encoder = encoder;
        this.ngramWeight = ngramWeight;
        this.normaliser = normaliser;
        List<String> texts = exemplars.stream().map(e -> normaliser.normalise(e.text()).text()).toList();
        List<float[]> embeddings = encoder.encodeAll(texts);
        List<Features> features = new ArrayList<>(exemplars.size());
        List<String> labels = new ArrayList<>(exemplars.size());
        for (int i = 0; i < exemplars.size(); i++) {
            features.add(Features.of(embeddings.get(i), HashedNgrams.of(texts.get(i)), ngramWeight));
            labels.add(exemplars.get(i).label());
        }
        this.fingerprint = RidgeSolutions.fingerprint(features, labels, lambda, kernel);
        Optional<RidgeClassifier.Solution> kept = kept(fingerprint);
        this.kept = kept.isPresent();
        this.solution = kept.orElseGet(() -> RidgeClassifier.solve(features, labels, lambda, kernel));
        this.classifier = RidgeClassifier.of(features, kernel, solution);
    }

    private static Optional<RidgeClassifier.Solution> kept(String fingerprint) {
        try (InputStream in = IntentClassifier.class.getResourceAsStream(SOLUTION)) {
            return in == null ? Optional.empty() : RidgeSolutions.read(in, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the kept solution " + SOLUTION, e);
        }
    }

    /** The fingerprint of the examples this classifier was fitted on ({@link RidgeSolutions}). */
    public String fingerprint() {
        return fingerprint;
    }

    /** Whether the solution came from the build ({@link #SOLUTION}) rather than being solved at construction. */
    public boolean fromBuild() {
        return kept;
    }

    /** The solution this classifier scores with, to be kept. */
    public RidgeClassifier.Solution solution() {
        return solution;
    }

    /** The intents by score for a message, best first. */
    public List<Map.Entry<String, Double>> rank(String text) {
        return classifier.rank(features(text));
    }

    /** The feature vector of a message: its embedding, then its weighted n-grams. */
    public Features features(String text) {
        String normal = normaliser.normalise(text).text();
        return Features.of(encoder.encode(normal), HashedNgrams.of(normal), ngramWeight);
    }
}
