package com.rxflow.processor.understanding.semantic;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sentence vectors computed once, at build time, for the texts the bundled exemplars are encoded
 * as, so that a process starts without encoding thousands of sentences. A cache and nothing more: a
 * text it lacks is encoded as before, and a file written by another model is not read at all.
 * Format: a header (format, model, dimension, count), then each text and its vector.
 */
public final class EmbeddingSnapshot {

    private static final String FORMAT = "rxflow-embeddings/1";

    private EmbeddingSnapshot() {
    }

    public static void write(OutputStream out, String model, Map<String, float[]> vectors) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        int dimension = vectors.values().stream().findFirst().map(v -> v.length).orElse(0);
        data.writeUTF(FORMAT);
        data.writeUTF(model);
        data.writeInt(dimension);
        data.writeInt(vectors.size());
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
            data.writeUTF(e.getKey());
            for (float v : e.getValue()) {
                data.writeFloat(v);
            }
        }
        data.flush();
    }

    /** The vectors in a snapshot written by {@code model}; empty if it was written by another model or format. */
    public static Optional<Map<String, float[]>> read(InputStream in, String model) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (!FORMAT.equals(data.readUTF()) || !model.equals(data.readUTF())) {
            return Optional.empty();
        }
        int dimension = data.readInt();
        int count = data.readInt();
        Map<String, float[]> vectors = new LinkedHashMap<>(count * 2);
        byte[] bytes = new byte[4 * dimension];
        for (int i = 0; i < count; i++) {
            String text = data.readUTF();
            data.readFully(bytes); // big-endian, as DataOutputStream wrote them
            float[] vector = new float[dimension];
            ByteBuffer.wrap(bytes).asFloatBuffer().get(vector);
            vectors.put(text, vector);
        }
        return Optional.of(vectors);
    }
}
