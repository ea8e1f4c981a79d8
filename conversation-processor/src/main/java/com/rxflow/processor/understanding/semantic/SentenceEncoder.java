package com.rxflow.processor.understanding.semantic;

/**
 * Turns a sentence into a vector whose direction carries its meaning, so that two ways of saying
 * the same thing ("I want to end it all", "I don't want to wake up") lie close together. Must be
 * deterministic and safe to call from several threads; vectors have unit length, so a dot product
 * is their cosine similarity.
 */
public interface SentenceEncoder {

    float[] encode(String sentence);

    /** Many sentences at once (a model may batch them); the same vectors as one by one. */
    default java.util.List<float[]> encodeAll(java.util.List<String> sentences) {
        return sentences.stream().map(this::encode).toList();
    }

    /** The cosine similarity of two unit vectors. */
    static double similarity(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
