package com.rxflow.processor.understanding.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LinearRidgeTest {

    private static final int DENSE = 6;
    private static final int SPARSE = 10;

    @Test
    void theConjugateGradientSolutionEqualsTheNormalEquationsSolvedDirectly() {
        Random random = new Random(7);
        List<Features> xs = new ArrayList<>();
        double[] y = new double[80];
        for (int i = 0; i < y.length; i++) {
            xs.add(example(random));
            y[i] = random.nextGaussian();
        }
        double lambda = 0.5;
        LinearRidge fitted = LinearRidge.fit(xs, new double[][] {y}, lambda);

        double[] direct = solveDirectly(xs, y, lambda);
        for (Features x : xs) {
            assertThat(fitted.score(0, x)).isCloseTo(predict(direct, x), within(1e-3));
        }
    }

    @Test
    void eachTargetGetsItsOwnWeightsFromOnePassOverTheExamples() {
        Random random = new Random(11);
        List<Features> xs = new ArrayList<>();
        double[] positive = new double[200];
        double[] negative = new double[200];
        for (int i = 0; i < positive.length; i++) {
            Features x = example(random);
            xs.add(x);
            positive[i] = x.dense()[0] > 0 ? 1 : -1;
            negative[i] = -positive[i];
        }
        LinearRidge fitted = LinearRidge.fit(xs, new double[][] {positive, negative}, 0.1);

        int right = 0;
        for (int i = 0; i < xs.size(); i++) {
            right += Math.signum(fitted.score(0, xs.get(i))) == positive[i] ? 1 : 0;
            assertThat(fitted.score(1, xs.get(i))).isCloseTo(-fitted.score(0, xs.get(i)), within(1e-3));
        }
        assertThat(right).isGreaterThanOrEqualTo(190);
        assertThat(fitted.iterations()).isPositive();
    }

    private static Features example(Random random) {
        float[] dense = new float[DENSE];
        for (int k = 0; k < DENSE; k++) {
            dense[k] = (float) random.nextGaussian();
        }
        float[] sparse = new float[SPARSE];
        sparse[random.nextInt(SPARSE)] = 1;
        sparse[random.nextInt(SPARSE)] += 0.5f;
        return Features.of(dense, sparse, 0.7f);
    }

    /** (XᵀX + λI) w = Xᵀy by Gaussian elimination, the constant feature last. */
    private static double[] solveDirectly(List<Features> xs, double[] y, double lambda) {
        int d = DENSE + SPARSE + 1;
        double[][] a = new double[d][d + 1];
        for (int i = 0; i < xs.size(); i++) {
            double[] row = dense(xs.get(i));
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][d] += row[r] * y[i];
            }
        }
        for (int r = 0; r < d; r++) {
            a[r][r] += lambda;
        }
        for (int p = 0; p < d; p++) {
            for (int r = p + 1; r < d; r++) {
                double f = a[r][p] / a[p][p];
                for (int c = p; c <= d; c++) {
                    a[r][c] -= f * a[p][c];
                }
            }
        }
        double[] w = new double[d];
        for (int r = d - 1; r >= 0; r--) {
            double sum = a[r][d];
            for (int c = r + 1; c < d; c++) {
                sum -= a[r][c] * w[c];
            }
            w[r] = sum / a[r][r];
        }
        return w;
    }

    private static double[] dense(Features x) {
        double[] row = new double[DENSE + SPARSE + 1];
        for (int k = 0; k < DENSE; k++) {
            row[k] = x.dense()[k];
        }
        for (int k = 0; k < x.slots().length; k++) {
            row[x.slots()[k]] = x.values()[k];
        }
        row[DENSE + SPARSE] = 1;
        return row;
    }

    private static double predict(double[] w, Features x) {
        double[] row = dense(x);
        double sum = 0;
        for (int k = 0; k < row.length; k++) {
            sum += w[k] * row[k];
        }
        return sum;
    }
}
