package com.rxflow.processor.understanding.semantic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import com.rxflow.processor.understanding.Once;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantised), a small sentence-embedding model that ships inside its jar and runs
 * in-process through ONNX Runtime: no network, no download, about 2 ms a sentence on one core. The
 * model is loaded once per process ({@link #shared()}); ONNX Runtime sessions are thread-safe.
 */
public final class MiniLmEncoder implements SentenceEncoder {

    private static final Once<MiniLmEncoder> SHARED = new Once<>(MiniLmEncoder::new);

    private final EmbeddingModel model;
    private final Map<String, float[]> known = new ConcurrentHashMap<>();

    private MiniLmEncoder() {
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    /** The process's one instance, loaded on first use. */
    public static MiniLmEncoder shared() {
        return SHARED.get();
    }

    @Override
    public float[] encode(String sentence) {
        return unit(model.embed(sentence.isEmpty() ? "." : sentence).content().vector());
    }

    /**
     * Exemplars are encoded in batches, and once per process whoever asks (the safety screen and the
     * intent classifier share most of theirs): a start-up cost, never a per-message one.
     */
    @Override
    public List<float[]> encodeAll(List<String> sentences) {
        List<String> missing = sentences.stream().distinct().filter(s -> !known.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            List<TextSegment> segments = missing.stream().map(s -> TextSegment.from(s.isEmpty() ? "." : s)).toList();
            List<Embedding> embedded = model.embedAll(segments).content();
            for (int i = 0; i < missing.size(); i++) {
                known.put(missing.get(i), unit(embedded.get(i).vector()));
            }
        }
        return sentences.stream().map(known::get).toList();
    }

    private static float[] unit(float[] vector) {
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
