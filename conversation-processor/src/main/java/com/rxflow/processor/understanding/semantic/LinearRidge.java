package com.rxflow.processor.understanding.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.rxflow.processor.understanding.Once;

/**
 * Linear least squares with a ridge penalty, one weight vector per target, solved in the primal by
 * conjugate gradients: each iteration is two passes over the examples' non-zero features, so the
 * cost grows with the examples, not with their square or cube as a kernel method's does. No
 * randomness: the same examples give the same weights on every start. The build keeps the bundled
 * screen's fits ({@link #KEPT}); a fit on exactly the same examples, targets and penalty (the same
 * fingerprint) takes the kept weights instead of iterating again.
 */
public final class LinearRidge {

    private static final int MAX_ITERATIONS = 1_000;
    private static final double TOLERANCE = 1e-5;

    /** The build-time fits of the bundled safety screen, a class-path resource. */
    public static final String KEPT = "/com/rxflow/processor/understanding/semantic/linear-solutions.bin";
    private static final Once<Map<String, LinearRidge>> KEPT_FITS = new Once<>(LinearRidge::keptFits);

    private final float[][] weights; // [target][feature], the last feature the constant
    private final int iterations;
    private final String fingerprint;
    private final boolean fromBuild;

    private LinearRidge(float[][] weights, int iterations, String fingerprint, boolean fromBuild) {
        this.weights = weights;
        this.iterations = iterations;
        this.fingerprint = fingerprint;
        this.fromBuild = fromBuild;
    }

    static LinearRidge kept(float[][] weights, int iterations, String fingerprint) {
        return new LinearRidge(weights, iterations, fingerprint, true);
    }

    private static Map<String, LinearRidge> keptFits() {
        try (InputStream in = LinearRidge.class.getResourceAsStream(KEPT)) {
            return in == null ? Map.of() : RidgeSolutions.readLinear(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the kept fits " + KEPT, e);
        }
    }

    /**
     * @param features one vector per example, all of one length
     * @param targets  {@code targets[t][i]}: target {@code t}'s value for example {@code i}
     * @param lambda   the penalty: larger is smoother
     */
    public static LinearRidge fit(List<Features> features, double[][] targets, double lambda) {
        String fingerprint = RidgeSolutions.fingerprint(features, targets, lambda);
        LinearRidge kept = KEPT_FITS.get().get(fingerprint);
        if (kept != null) {
            return kept;
        }
        int d = features.get(0).length() + 1;
        int heads = targets.length;
        double[][] x = new double[heads][d];
        double[][] r = new double[heads][];
        double[][] p = new double[heads][];
        double[] rr = new double[heads];
        double[] limit = new double[heads];
        for (int t = 0; t < heads; t++) {
            r[t] = transposeTimes(features, targets[t], d); // b - A·0
            p[t] = r[t].clone();
            rr[t] = dot(r[t], r[t]);
            limit[t] = TOLERANCE * TOLERANCE * rr[t];
        }
        int iteration = 0;
        while (iteration < MAX_ITERATIONS && !converged(rr, limit)) {
            iteration++;
            double[][] ap = normalTimes(features, p, lambda);
            for (int t = 0; t < heads; t++) {
                if (rr[t] <= limit[t]) {
                    continue;
                }
                double alpha = rr[t] / dot(p[t], ap[t]);
                for (int k = 0; k < d; k++) {
                    x[t][k] += alpha * p[t][k];
                    r[t][k] -= alpha * ap[t][k];
                }
                double next = dot(r[t], r[t]);
                double beta = next / rr[t];
                rr[t] = next;
                for (int k = 0; k < d; k++) {
                    p[t][k] = r[t][k] + beta * p[t][k];
                }
            }
        }
        float[][] w = new float[heads][d];
        for (int t = 0; t < heads; t++) {
            for (int k = 0; k < d; k++) {
                w[t][k] = (float) x[t][k];
            }
        }
        return new LinearRidge(w, iteration, fingerprint, false);
    }

    /** The fingerprint of what this was fitted on ({@link RidgeSolutions}). */
    public String fingerprint() {
        return fingerprint;
    }

    /** Whether the weights came from the build ({@link #KEPT}) rather than being fitted at construction. */
    public boolean fromBuild() {
        return fromBuild;
    }

    float[][] weights() {
        return weights;
    }

    /** Target {@code t}'s fitted value for a feature vector. */
    public double score(int t, Features x) {
        return weights[t][x.length()] + x.dot(weights[t]);
    }

    /** How many conjugate-gradient iterations the fit took. */
    public int iterations() {
        return iterations;
    }

    private static boolean converged(double[] rr, double[] limit) {
        for (int t = 0; t < rr.length; t++) {
            if (rr[t] > limit[t]) {
                return false;
            }
        }
        return true;
    }

    /** Xᵀ·y, with the constant feature last. */
    private static double[] transposeTimes(List<Features> features, double[] y, int d) {
        double[] out = new double[d];
        for (int i = 0; i < features.size(); i++) {
            addTo(out, features.get(i), y[i]);
        }
        return out;
    }

    /** (XᵀX + λI)·v for each vector, in one pass over the examples. */
    private static double[][] normalTimes(List<Features> features, double[][] v, double lambda) {
        int heads = v.length;
        double[][] out = new double[heads][v[0].length];
        double[] xv = new double[heads];
        for (Features f : features) {
            for (int t = 0; t < heads; t++) {
                xv[t] = dotWithConstant(f, v[t]);
            }
            for (int t = 0; t < heads; t++) {
                addTo(out[t], f, xv[t]);
            }
        }
        for (int t = 0; t < heads; t++) {
            for (int k = 0; k < out[t].length; k++) {
                out[t][k] += lambda * v[t][k];
            }
        }
        return out;
    }

    private static double dotWithConstant(Features f, double[] w) {
        double sum = w[f.length()];
        float[] dense = f.dense();
        for (int i = 0; i < dense.length; i++) {
            sum += dense[i] * w[i];
        }
        int[] slots = f.slots();
        float[] values = f.values();
        for (int i = 0; i < slots.length; i++) {
            sum += values[i] * w[slots[i]];
        }
        return sum;
    }

    private static void addTo(double[] out, Features f, double scale) {
        float[] dense = f.dense();
        for (int i = 0; i < dense.length; i++) {
            out[i] += scale * dense[i];
        }
        int[] slots = f.slots();
        float[] values = f.values();
        for (int i = 0; i < slots.length; i++) {
            out[slots[i]] += scale * values[i];
        }
        out[f.length()] += scale;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }
}
