package com.rxflow.processor.understanding.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A linear classifier, one score per label, fitted in closed form (ridge regression on +1/-1
 * targets): no iterations, no randomness, the same weights from the same examples on every start.
 * Fitted through the n-by-n kernel of the examples (n in the low thousands), so the feature vectors
 * may be long.
 */
public final class RidgeClassifier {

    private final List<String> labels;
    private final float[][] weights; // [label][feature], the last feature the constant

    private RidgeClassifier(List<String> labels, float[][] weights) {
        this.labels = List.copyOf(labels);
        this.weights = weights;
    }

    /**
     * @param features one vector per example, all of one length
     * @param labels   the example's label
     * @param lambda   the ridge penalty: larger is smoother
     */
    public static RidgeClassifier fit(List<Features> features, List<String> labels, double lambda) {
        List<String> names = labels.stream().distinct().sorted().toList();
        int n = features.size();
        int d = features.get(0).length();
        double[][] kernel = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double dot = 1 + features.get(i).dot(features.get(j)); // 1: the constant feature
                kernel[i][j] = dot;
                kernel[j][i] = dot;
            }
            kernel[i][i] += lambda;
        }
        double[][] lower = cholesky(kernel);
        float[][] weights = new float[names.size()][d + 1];
        for (int c = 0; c < names.size(); c++) {
            double[] target = new double[n];
            for (int i = 0; i < n; i++) {
                target[i] = labels.get(i).equals(names.get(c)) ? 1 : -1;
            }
            double[] alpha = solve(lower, target);
            for (int i = 0; i < n; i++) {
                features.get(i).addTo(weights[c], alpha[i]);
                weights[c][d] += (float) alpha[i];
            }
        }
        return new RidgeClassifier(names, weights);
    }

    /** The score of every label for a feature vector, highest first. */
    public List<Map.Entry<String, Double>> rank(Features x) {
        List<Map.Entry<String, Double>> out = new ArrayList<>(labels.size());
        for (int c = 0; c < labels.size(); c++) {
            float[] w = weights[c];
            out.add(Map.entry(labels.get(c), w[x.length()] + x.dot(w)));
        }
        out.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        return out;
    }

    public List<String> labels() {
        return labels;
    }

    /** The Cholesky factor of a symmetric positive definite matrix (which a ridge kernel is). */
    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            l[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    sum -= li[k] * lj[k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / lj[j];
            }
        }
        return l;
    }

    private static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
