package com.rxflow.processor.understanding.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Labelled exemplars as vectors, and for a message the labels nearest to it: for each label, the
 * mean similarity of its {@code k} nearest exemplars (one lucky neighbour is not enough) and the
 * nearest one itself, to show why. A brute-force scan: a thousand 384-dimension dot products take
 * a fraction of a millisecond, less than encoding the message.
 */
public final class ExemplarIndex {

    private final SentenceEncoder encoder;
    private final Function<String, String> normal;
    private final int k;
    private final List<Exemplar> exemplars;
    private final float[][] vectors;
    private final String[] labels;
    private final List<String> normals;

    /**
     * @param normal what each exemplar and message is encoded as (their normal form)
     * @param k      how many nearest exemplars of a label are averaged
     */
    public ExemplarIndex(SentenceEncoder encoder, Function<String, String> normal, List<Exemplar> exemplars, int k) {
        this(encoder, normal, exemplars, k, Map.of());
    }

    /**
     * @param known normal forms already computed ({@link NormalForms}): an exemplar's text found here
     *              is not normalised again
     */
    public ExemplarIndex(SentenceEncoder encoder, Function<String, String> normal, List<Exemplar> exemplars, int k,
            Map<String, String> known) {
        this.encoder = encoder;
        this.normal = normal;
        this.k = k;
        this.exemplars = List.copyOf(exemplars);
        this.vectors = new float[exemplars.size()][];
        this.labels = new String[exemplars.size()];
        // normal forms in parallel (the safety screen's is a pass of its rules), then one batch to the model
        this.normals = exemplars.parallelStream().map(e -> {
            String kept = known.get(e.text());
            return kept != null ? kept : normal.apply(e.text());
        }).toList();
        List<float[]> encoded = encoder.encodeAll(normals);
        for (int i = 0; i < exemplars.size(); i++) {
            vectors[i] = encoded.get(i);
            labels[i] = exemplars.get(i).label();
        }
    }

    /** How near a label is to a message. */
    public record Nearness(String label, double score, Exemplar nearest, double nearestScore) {
    }

    /**
     * The labels by nearness to an encoded message, nearest first, leaving out exemplar {@code skip}
     * (to score a tuning exemplar against the others, leave-one-out); -1 to leave out none.
     */
    public List<Nearness> rank(float[] vector, int skip) {
        Map<String, double[]> best = new HashMap<>();
        Map<String, Integer> nearest = new HashMap<>();
        for (int i = 0; i < vectors.length; i++) {
            if (i == skip) {
                continue;
            }
            double s = SentenceEncoder.similarity(vector, vectors[i]);
            double[] top = best.computeIfAbsent(labels[i], l -> filled(k));
            if (s > top[k - 1]) {
                int j = k - 1;
                while (j > 0 && top[j - 1] < s) {
                    top[j] = top[j - 1];
                    j--;
                }
                top[j] = s;
                if (j == 0) {
                    nearest.put(labels[i], i);
                }
            }
        }
        List<Nearness> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : best.entrySet()) {
            double sum = 0;
            int n = 0;
            for (double s : e.getValue()) {
                if (s > -2) {
                    sum += s;
                    n++;
                }
            }
            int at = nearest.get(e.getKey());
            out.add(new Nearness(e.getKey(), sum / n, exemplars.get(at), e.getValue()[0]));
        }
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }

    private static double[] filled(int k) {
        double[] top = new double[k];
        java.util.Arrays.fill(top, -3);
        return top;
    }

    public List<Exemplar> exemplars() {
        return exemplars;
    }

    /** The vector of exemplar {@code i}, for leave-one-out scoring. */
    public float[] vector(int i) {
        return vectors[i];
    }

    /** The normal form exemplar {@code i} was encoded from. */
    public String normal(int i) {
        return normals.get(i);
    }

    /** The encoded form of a message already in normal form. */
    public float[] encodeNormal(String normalText) {
        return encoder.encode(normalText);
    }

}
