package com.rxflow.processor.understanding.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantised), a small sentence-embedding model that ships inside its jar and runs
 * in-process through ONNX Runtime: no network, no download, about 2 ms a sentence on one core. The
 * model is loaded once per process ({@link #shared()}); ONNX Runtime sessions are thread-safe.
 */
public final class MiniLmEncoder implements SentenceEncoder {

    private static volatile MiniLmEncoder shared;

    private final EmbeddingModel model;

    private MiniLmEncoder() {
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    /** The process's one instance, loaded on first use. */
    public static MiniLmEncoder shared() {
        MiniLmEncoder encoder = shared;
        if (encoder == null) {
            synchronized (MiniLmEncoder.class) {
                encoder = shared;
                if (encoder == null) {
                    encoder = new MiniLmEncoder();
                    shared = encoder;
                }
            }
        }
        return encoder;
    }

    @Override
    public float[] encode(String sentence) {
        float[] vector = model.embed(sentence.isEmpty() ? "." : sentence).content().vector();
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] /= (float) norm;
            }
        }
        return vector;
    }
}
