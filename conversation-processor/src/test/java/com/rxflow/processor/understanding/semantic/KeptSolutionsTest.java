package com.rxflow.processor.understanding.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.rxflow.processor.understanding.semantic.RidgeClassifier.Kernel;

/**
 * What the build computes once and a start reuses: a kept ridge solution scores exactly as a fit on
 * the same examples does, and is refused for examples that differ in one value; sentence vectors
 * written by one model are not read for another.
 */
class KeptSolutionsTest {

    private final Random random = new Random(7);
    private final List<Features> examples = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    KeptSolutionsTest() {
        for (int i = 0; i < 60; i++) {
            examples.add(randomFeatures());
            labels.add(List.of("refill", "cancel", "status").get(i % 3));
        }
    }

    @Test
    void aKeptSolutionScoresEveryMessageExactlyAsAFitOnTheSameExamples() throws IOException {
        RidgeClassifier fitted = RidgeClassifier.fit(examples, labels, 1.0, Kernel.QUADRATIC);
        String fingerprint = RidgeSolutions.fingerprint(examples, labels, 1.0, Kernel.QUADRATIC);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        RidgeSolutions.write(file, fingerprint, RidgeClassifier.solve(examples, labels, 1.0, Kernel.QUADRATIC));

        RidgeClassifier.Solution kept = RidgeSolutions.read(new ByteArrayInputStream(file.toByteArray()), fingerprint)
                .orElseThrow();
        RidgeClassifier reused = RidgeClassifier.of(examples, Kernel.QUADRATIC, kept);

        for (int i = 0; i < 20; i++) {
            Features message = randomFeatures();
            assertThat(reused.rank(message)).isEqualTo(fitted.rank(message));
        }
    }

    @Test
    void aKeptSolutionIsRefusedForExamplesThatDifferInOneValueOrLabelOrSetting() throws IOException {
        String fingerprint = RidgeSolutions.fingerprint(examples, labels, 1.0, Kernel.QUADRATIC);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        RidgeSolutions.write(file, fingerprint, RidgeClassifier.solve(examples, labels, 1.0, Kernel.QUADRATIC));

        List<Features> nudged = new ArrayList<>(examples);
        Features first = nudged.get(0);
        float[] dense = first.dense().clone();
        dense[3] = Math.nextUp(dense[3]);
        nudged.set(0, new Features(dense, first.slots(), first.values(), first.length()));
        List<String> relabelled = new ArrayList<>(labels);
        relabelled.set(5, "refill".equals(relabelled.get(5)) ? "cancel" : "refill");

        for (String other : List.of(RidgeSolutions.fingerprint(nudged, labels, 1.0, Kernel.QUADRATIC),
                RidgeSolutions.fingerprint(examples, relabelled, 1.0, Kernel.QUADRATIC),
                RidgeSolutions.fingerprint(examples, labels, 0.5, Kernel.QUADRATIC),
                RidgeSolutions.fingerprint(examples, labels, 1.0, Kernel.LINEAR))) {
            assertThat(other).isNotEqualTo(fingerprint);
            assertThat(RidgeSolutions.read(new ByteArrayInputStream(file.toByteArray()), other)).isEmpty();
        }
    }

    @Test
    void aKeptLinearFitScoresAsItsFitAndIsFoundOnlyByItsFingerprint() throws IOException {
        double[][] targets = new double[2][examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            targets[0][i] = "refill".equals(labels.get(i)) ? 1 : -1;
            targets[1][i] = "cancel".equals(labels.get(i)) ? 1 : -1;
        }
        LinearRidge fitted = LinearRidge.fit(examples, targets, 0.3);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        RidgeSolutions.writeLinear(file, List.of(fitted));

        Map<String, LinearRidge> kept = RidgeSolutions.readLinear(new ByteArrayInputStream(file.toByteArray()));
        assertThat(kept).containsOnlyKeys(RidgeSolutions.fingerprint(examples, targets, 0.3));
        LinearRidge reused = kept.get(fitted.fingerprint());
        assertThat(reused.fromBuild()).isTrue();
        assertThat(fitted.fromBuild()).isFalse();
        for (int i = 0; i < 20; i++) {
            Features message = randomFeatures();
            assertThat(reused.score(0, message)).isEqualTo(fitted.score(0, message));
            assertThat(reused.score(1, message)).isEqualTo(fitted.score(1, message));
        }
        assertThat(RidgeSolutions.fingerprint(examples, targets, 0.2)).isNotEqualTo(fitted.fingerprint());
        targets[1][0] = -targets[1][0];
        assertThat(RidgeSolutions.fingerprint(examples, targets, 0.3)).isNotEqualTo(fitted.fingerprint());
    }

    @Test
    void sentenceVectorsComeBackAsWrittenAndOnlyForTheModelThatWroteThem() throws IOException {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        vectors.put("my toddler ate my pills", new float[] {0.6f, 0.8f, 0f});
        vectors.put("refill my lisinopril", new float[] {0f, -1f, 0f});
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        EmbeddingSnapshot.write(file, "all-minilm-l6-v2-q", vectors);

        Map<String, float[]> read = EmbeddingSnapshot.read(new ByteArrayInputStream(file.toByteArray()),
                "all-minilm-l6-v2-q").orElseThrow();
        assertThat(read).containsOnlyKeys(vectors.keySet());
        vectors.forEach((text, vector) -> assertThat(read.get(text)).containsExactly(vector));
        assertThat(EmbeddingSnapshot.read(new ByteArrayInputStream(file.toByteArray()), "all-minilm-l6-v2")).isEmpty();
    }

    private Features randomFeatures() {
        float[] dense = new float[8];
        for (int j = 0; j < dense.length; j++) {
            dense[j] = (float) random.nextGaussian();
        }
        float[] sparse = new float[16];
        for (int j = 0; j < 3; j++) {
            sparse[random.nextInt(sparse.length)] = 1f;
        }
        return Features.of(dense, sparse, 0.5f);
    }
}
