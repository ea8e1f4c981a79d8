package com.rxflow.processor.understanding.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rxflow.processor.understanding.semantic.RidgeClassifier.Kernel;

/**
 * The intent classifier's two kernels: the quadratic one learns a label that depends on two
 * features together (a word that means one thing with "order" and another without), which no
 * linear model can, and both agree on what a line separates.
 */
class RidgeClassifierTest {

    @Test
    void theQuadraticKernelLearnsALabelThatDependsOnTwoFeaturesTogetherAndTheLinearOneCannot() {
        // "same" when both features are present or both absent, "different" otherwise (exclusive or)
        List<Features> xs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int copy = 0; copy < 5; copy++) {
            for (int a = 0; a <= 1; a++) {
                for (int b = 0; b <= 1; b++) {
                    xs.add(features(a, b));
                    labels.add(a == b ? "same" : "different");
                }
            }
        }
        RidgeClassifier linear = RidgeClassifier.fit(xs, labels, 0.1, Kernel.LINEAR);
        RidgeClassifier quadratic = RidgeClassifier.fit(xs, labels, 0.1, Kernel.QUADRATIC);

        int linearRight = 0;
        for (int a = 0; a <= 1; a++) {
            for (int b = 0; b <= 1; b++) {
                String expected = a == b ? "same" : "different";
                assertThat(best(quadratic, features(a, b))).as("%d %d", a, b).isEqualTo(expected);
                linearRight += best(linear, features(a, b)).equals(expected) ? 1 : 0;
            }
        }
        assertThat(linearRight).isLessThan(4);
    }

    @Test
    void bothKernelsAgreeOnLabelsALineSeparates() {
        List<Features> xs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double v = (i - 9.5) / 10;
            xs.add(new Features(new float[] {(float) v, 0.3f}, new int[0], new float[0], 2));
            labels.add(v > 0 ? "up" : "down");
        }
        for (Kernel kernel : Kernel.values()) {
            RidgeClassifier fitted = RidgeClassifier.fit(xs, labels, 0.1, kernel);
            for (int i = 0; i < xs.size(); i++) {
                assertThat(best(fitted, xs.get(i))).as(kernel + " " + i).isEqualTo(labels.get(i));
            }
        }
    }

    private static Features features(int a, int b) {
        return new Features(new float[] {a, b}, new int[0], new float[0], 2);
    }

    private static String best(RidgeClassifier classifier, Features x) {
        return classifier.rank(x).get(0).getKey();
    }
}
