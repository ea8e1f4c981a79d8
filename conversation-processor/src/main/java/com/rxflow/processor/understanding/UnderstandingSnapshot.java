package com.rxflow.processor.understanding;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.semantic.EmbeddingSnapshot;
import com.rxflow.processor.understanding.semantic.IntentClassifier;
import com.rxflow.processor.understanding.semantic.LinearRidge;
import com.rxflow.processor.understanding.semantic.MiniLmEncoder;
import com.rxflow.processor.understanding.semantic.NormalForms;
import com.rxflow.processor.understanding.semantic.RidgeSolutions;

/**
 * A build step (Maven's {@code process-classes} phase): builds the safety screen and the intent
 * classifier as a start would, then writes what they computed that a start can reuse: the
 * exemplars' sentence vectors, the intent classifier's solution, the safety screen's risk model
 * and gate, and the screen's normal forms of its exemplars. All are caches that a start checks (the
 * model's name, the fits' fingerprints, the digest of the classes and resources the forms were
 * computed with), so a stale or missing file costs start-up time, never a different answer. Skipped when nothing under {@code understanding/} in the compiled
 * classes has changed since the files were written.
 *
 * <p>{@code java -cp ... UnderstandingSnapshot target/classes}
 */
public final class UnderstandingSnapshot {

    private static final String FOLDER = "com/rxflow/processor/understanding";
    private static final String DIGEST = "/com/rxflow/processor/understanding/semantic/snapshot.sha256";
    private static final List<String> OUTPUTS = List.of(MiniLmEncoder.SNAPSHOT, IntentClassifier.SOLUTION,
            LinearRidge.KEPT, NormalForms.SNAPSHOT, DIGEST);

    private UnderstandingSnapshot() {
    }

    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        List<String> sources = inputs(classes);
        String inputs = NormalForms.digest(sources, path -> open(classes.resolve(path))).orElseThrow();
        Path digest = file(classes, DIGEST);
        if (Files.exists(digest) && Files.readString(digest).equals(inputs)
                && OUTPUTS.stream().allMatch(o -> Files.exists(file(classes, o)))) {
            System.out.println("understanding snapshot: up to date");
            return;
        }
        for (String output : OUTPUTS) {
            Files.deleteIfExists(file(classes, output)); // the encoder must not start from an old snapshot
        }
        long started = System.nanoTime();
        SafetyScreen screen = SafetyScreen.bundled();
        IntentClassifier intents = LayeredInterpreter.bundled().classifier();
        Map<String, float[]> vectors = new TreeMap<>(MiniLmEncoder.shared().known());
        try (OutputStream out = Files.newOutputStream(file(classes, MiniLmEncoder.SNAPSHOT))) {
            EmbeddingSnapshot.write(out, MiniLmEncoder.MODEL, vectors);
        }
        try (OutputStream out = Files.newOutputStream(file(classes, IntentClassifier.SOLUTION))) {
            RidgeSolutions.write(out, intents.fingerprint(), intents.solution());
        }
        try (OutputStream out = Files.newOutputStream(file(classes, LinearRidge.KEPT))) {
            RidgeSolutions.writeLinear(out, List.of(screen.risk().model(), screen.gate().model()));
        }
        Map<String, String> normals = new TreeMap<>();
        for (int i = 0; i < screen.index().exemplars().size(); i++) {
            normals.put(screen.index().exemplars().get(i).text(), screen.index().normal(i));
        }
        try (OutputStream out = Files.newOutputStream(file(classes, NormalForms.SNAPSHOT))) {
            NormalForms.write(out, sources, inputs, normals);
        }
        Files.writeString(digest, inputs);
        System.out.printf("understanding snapshot: %d sentence vectors, the intent solution (%d examples) and the screen's"
                + " two linear fits, %d normal forms in %.0f s%n",
                vectors.size(), intents.solution().alphas()[0].length, normals.size(), (System.nanoTime() - started) / 1e9);
    }

    private static Path file(Path classes, String resource) {
        return classes.resolve(resource.substring(1));
    }

    /** The path of every compiled class and resource of understanding but the outputs, in order: what the digest covers. */
    private static List<String> inputs(Path classes) throws IOException {
        List<Path> outputs = OUTPUTS.stream().map(o -> file(classes, o)).toList();
        try (Stream<Path> files = Files.walk(classes.resolve(FOLDER))) {
            return files.filter(Files::isRegularFile).filter(f -> !outputs.contains(f)).sorted()
                    .map(f -> classes.relativize(f).toString().replace(File.separatorChar, '/')).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
