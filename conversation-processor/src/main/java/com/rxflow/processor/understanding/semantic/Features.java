package com.rxflow.processor.understanding.semantic;

/**
 * A message as the intent classifier sees it: a dense part (its sentence embedding) and a sparse
 * part (its hashed n-grams, a few hundred of several thousand slots), so dot products cost the
 * non-zero slots only.
 *
 * @param dense   the dense values
 * @param slots   the sparse part's slot numbers, ascending, each offset by {@code dense.length}
 * @param values  the sparse part's values
 * @param length  the full length, dense and sparse
 */
public record Features(float[] dense, int[] slots, float[] values, int length) {

    public double dot(Features other) {
        double sum = 0;
        for (int i = 0; i < dense.length; i++) {
            sum += dense[i] * other.dense[i];
        }
        int a = 0;
        int b = 0;
        while (a < slots.length && b < other.slots.length) {
            if (slots[a] == other.slots[b]) {
                sum += values[a++] * other.values[b++];
            } else if (slots[a] < other.slots[b]) {
                a++;
            } else {
                b++;
            }
        }
        return sum;
    }

    /** The dot product with a dense weight vector of {@link #length()} entries. */
    public double dot(float[] weights) {
        double sum = 0;
        for (int i = 0; i < dense.length; i++) {
            sum += dense[i] * weights[i];
        }
        for (int i = 0; i < slots.length; i++) {
            sum += values[i] * weights[slots[i]];
        }
        return sum;
    }

    /** Adds {@code scale} times this vector to a dense weight vector. */
    public void addTo(float[] weights, double scale) {
        for (int i = 0; i < dense.length; i++) {
            weights[i] += (float) (scale * dense[i]);
        }
        for (int i = 0; i < slots.length; i++) {
            weights[slots[i]] += (float) (scale * values[i]);
        }
    }

    /** A dense embedding followed by a weighted sparse vector of {@code width} slots. */
    public static Features of(float[] dense, float[] sparse, float weight) {
        int count = 0;
        for (float v : sparse) {
            if (v != 0) {
                count++;
            }
        }
        int[] slots = new int[count];
        float[] values = new float[count];
        int at = 0;
        for (int i = 0; i < sparse.length; i++) {
            if (sparse[i] != 0) {
                slots[at] = dense.length + i;
                values[at++] = sparse[i] * weight;
            }
        }
        return new Features(dense, slots, values, dense.length + sparse.length);
    }
}
