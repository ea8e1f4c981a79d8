package com.rxflow.processor.understanding.semantic;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A message's words, word pairs and three- and four-letter pieces, hashed into a fixed number of
 * slots and scaled to unit length: the surface of a message, which catches what a sentence
 * embedding blurs (a typo'd keyword, a Spanish word the embedding model barely knows).
 */
public final class HashedNgrams {

    public static final int SLOTS = 4096;

    private HashedNgrams() {
    }

    /** The n-gram vector of a message in normal form (single spaces, lower case). */
    public static float[] of(String normalText) {
        float[] v = new float[SLOTS];
        String[] words = normalText.isEmpty() ? new String[0] : normalText.split(" ");
        CRC32 crc = new CRC32();
        for (int i = 0; i < words.length; i++) {
            add(v, crc, "w:" + words[i], 1f);
            if (i + 1 < words.length) {
                add(v, crc, "w:" + words[i] + "_" + words[i + 1], 1f);
            }
        }
        String padded = " " + normalText + " ";
        for (int n = 3; n <= 4; n++) {
            for (int i = 0; i + n <= padded.length(); i++) {
                add(v, crc, "c:" + padded.substring(i, i + n), 0.5f);
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }

    private static void add(float[] v, CRC32 crc, String gram, float weight) {
        crc.reset();
        crc.update(gram.getBytes(StandardCharsets.UTF_8));
        v[(int) (crc.getValue() % SLOTS)] += weight;
    }
}
