package com.rxflow.processor.understanding.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A kernel ridge classifier, one score per label, fitted in closed form (ridge regression on +1/-1
 * targets): no iterations, no randomness, the same scores from the same examples on every start.
 * Fitted through the n-by-n kernel of the examples (n in the low thousands), so the feature vectors
 * may be long. With the {@link Kernel#LINEAR linear} kernel the fit is folded into one weight vector
 * per label; with the {@link Kernel#QUADRATIC quadratic} one, which also weighs pairs of features
 * ("cancel" with "order", "missed" with "should i"), a message is scored against every example.
 */
public final class RidgeClassifier {

    /** How two messages' likeness is measured from the dot product of their feature vectors. */
    public enum Kernel {
        /** {@code 1 + x·y}: a linear model with a constant. */
        LINEAR,
        /** {@code (1 + x·y)²}: a linear model over the features and their pairwise products. */
        QUADRATIC;

        double of(double dot) {
            return this == LINEAR ? 1 + dot : (1 + dot) * (1 + dot);
        }
    }

    private final List<String> labels;
    private final Kernel kernel;
    private final float[][] weights; // LINEAR: [label][feature], the last feature the constant
    private final List<Features> examples; // QUADRATIC: the examples, scored against
    private final double[][] alpha; // QUADRATIC: [label][example]

    private RidgeClassifier(List<String> labels, Kernel kernel, float[][] weights, List<Features> examples,
            double[][] alpha) {
        this.labels = List.copyOf(labels);
        this.kernel = kernel;
        this.weights = weights;
        this.examples = examples;
        this.alpha = alpha;
    }

    /** A linear classifier: see {@link #fit(List, List, double, Kernel)}. */
    public static RidgeClassifier fit(List<Features> features, List<String> labels, double lambda) {
        return fit(features, labels, lambda, Kernel.LINEAR);
    }

    /**
     * @param features one vector per example, all of one length
     * @param labels   the example's label
     * @param lambda   the ridge penalty: larger is smoother
     * @param kernel   how likeness is measured
     */
    public static RidgeClassifier fit(List<Features> features, List<String> labels, double lambda, Kernel kernel) {
        return of(features, kernel, solve(features, labels, lambda, kernel));
    }

    /**
     * The dual coefficients of a fit, one row per label (sorted by name), one column per example:
     * what a fit computes and what a classifier needs besides its examples, so it can be kept.
     */
    public record Solution(List<String> labels, double[][] alphas) {
    }

    /** Solves the ridge system for the examples: the part of a fit whose cost grows with the cube of their number. */
    public static Solution solve(List<Features> features, List<String> labels, double lambda, Kernel kernel) {
        List<String> names = labels.stream().distinct().sorted().toList();
        int n = features.size();
        double[][] lower = new double[n][]; // the kernel's lower triangle, then its Cholesky factor in place
        for (int i = 0; i < n; i++) {
            lower[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                lower[i][j] = kernel.of(features.get(i).dot(features.get(j)));
            }
            lower[i][i] += lambda;
        }
        choleskyInPlace(lower);
        double[][] alphas = new double[names.size()][];
        for (int c = 0; c < names.size(); c++) {
            double[] target = new double[n];
            for (int i = 0; i < n; i++) {
                target[i] = labels.get(i).equals(names.get(c)) ? 1 : -1;
            }
            alphas[c] = solve(lower, target);
        }
        return new Solution(names, alphas);
    }

    /** The classifier of a solution over the examples it was solved for. */
    public static RidgeClassifier of(List<Features> features, Kernel kernel, Solution solution) {
        List<String> names = solution.labels();
        double[][] alphas = solution.alphas();
        if (alphas.length != names.size() || alphas.length > 0 && alphas[0].length != features.size()) {
            throw new IllegalArgumentException("a solution for " + (alphas.length == 0 ? 0 : alphas[0].length)
                    + " examples, given " + features.size());
        }
        if (kernel == Kernel.QUADRATIC) {
            return new RidgeClassifier(names, kernel, null, List.copyOf(features), alphas);
        }
        int d = features.get(0).length();
        float[][] weights = new float[names.size()][d + 1];
        for (int c = 0; c < names.size(); c++) {
            for (int i = 0; i < features.size(); i++) {
                features.get(i).addTo(weights[c], alphas[c][i]);
                weights[c][d] += (float) alphas[c][i];
            }
        }
        return new RidgeClassifier(names, kernel, weights, null, null);
    }

    /** The score of every label for a feature vector, highest first. */
    public List<Map.Entry<String, Double>> rank(Features x) {
        List<Map.Entry<String, Double>> out = new ArrayList<>(labels.size());
        if (kernel == Kernel.LINEAR) {
            for (int c = 0; c < labels.size(); c++) {
                float[] w = weights[c];
                out.add(Map.entry(labels.get(c), w[x.length()] + x.dot(w)));
            }
        } else {
            double[] likeness = new double[examples.size()];
            for (int i = 0; i < likeness.length; i++) {
                likeness[i] = kernel.of(x.dot(examples.get(i)));
            }
            for (int c = 0; c < labels.size(); c++) {
                double score = 0;
                for (int i = 0; i < likeness.length; i++) {
                    score += alpha[c][i] * likeness[i];
                }
                out.add(Map.entry(labels.get(c), score));
            }
        }
        out.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        return out;
    }

    public List<String> labels() {
        return labels;
    }

    /**
     * Turns the lower triangle of a symmetric positive definite matrix (which a ridge kernel is) into
     * its Cholesky factor, in place: one triangle in memory, not the full matrix and a copy, which at
     * five thousand examples is the difference between 110 MB and 330 MB at start-up.
     */
    private static void choleskyInPlace(double[][] l) {
        int n = l.length;
        for (int i = 0; i < n; i++) {
            double[] li = l[i];
            for (int j = 0; j <= i; j++) {
                double sum = li[j];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    sum -= li[k] * lj[k];
                }
                li[j] = i == j ? Math.sqrt(sum) : sum / lj[j];
            }
        }
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
