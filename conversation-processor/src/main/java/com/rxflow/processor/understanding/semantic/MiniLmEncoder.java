package com.rxflow.processor.understanding.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import com.rxflow.processor.understanding.Once;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantised), a small sentence-embedding model that ships inside its jar and runs
 * in-process through ONNX Runtime: no network, no download, about 2 ms a sentence on one core. The
 * model is loaded once per process ({@link #shared()}); ONNX Runtime sessions are thread-safe. The
 * exemplars' vectors come from the {@link EmbeddingSnapshot} made at build time ({@link #SNAPSHOT}),
 * so a start encodes only what the snapshot lacks.
 */
public final class MiniLmEncoder implements SentenceEncoder {

    /** The model's name in a snapshot's header. */
    public static final String MODEL = "all-minilm-l6-v2-q";
    /** The build-time snapshot of the bundled exemplars' vectors, a class-path resource. */
    public static final String SNAPSHOT = "/com/rxflow/processor/understanding/semantic/embeddings.bin";

    private static final Logger log = LoggerFactory.getLogger(MiniLmEncoder.class);
    private static final Once<MiniLmEncoder> SHARED = new Once<>(() -> new MiniLmEncoder(true));

    private final EmbeddingModel model;
    private final Map<String, float[]> known = new ConcurrentHashMap<>();

    private MiniLmEncoder(boolean fromSnapshot) {
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        if (fromSnapshot) {
            known.putAll(snapshot());
        }
    }

    /** A process's one instance, loaded on first use, with the build-time snapshot's vectors. */
    public static MiniLmEncoder shared() {
        return SHARED.get();
    }

    /** An instance that encodes every sentence itself: for the build step that writes the snapshot. */
    public static MiniLmEncoder withoutSnapshot() {
        return new MiniLmEncoder(false);
    }

    /** Every vector this encoder has made or loaded for {@link #encodeAll}, in no particular order. */
    public Map<String, float[]> known() {
        return new LinkedHashMap<>(known);
    }

    private static Map<String, float[]> snapshot() {
        try (InputStream in = MiniLmEncoder.class.getResourceAsStream(SNAPSHOT)) {
            if (in == null) {
                log.info("No embedding snapshot on the class path: the exemplars are encoded at start-up");
                return Map.of();
            }
            return EmbeddingSnapshot.read(in, MODEL).orElseGet(() -> {
                log.warn("The embedding snapshot was written by another model or format: not used");
                return Map.of();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the embedding snapshot " + SNAPSHOT, e);
        }
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
