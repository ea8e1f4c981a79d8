package com.rxflow.processor.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.rxflow.processor.understanding.safety.LexicalScreen;
import com.rxflow.processor.understanding.safety.RedFlagRules;
import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.semantic.EmbeddingSnapshot;
import com.rxflow.processor.understanding.semantic.Exemplar;
import com.rxflow.processor.understanding.semantic.MiniLmEncoder;
import com.rxflow.processor.understanding.semantic.NormalForms;
import com.rxflow.processor.understanding.text.Corrector;
import com.rxflow.processor.understanding.text.Normaliser;

/**
 * The build's snapshot (UnderstandingSnapshot, Maven's process-classes) matches the bundled
 * exemplars: the intent classifier and the screen's risk model and gate start from what the build
 * kept instead of being fitted again, no exemplar needs encoding, and the screen's exemplars start from
 * the normal forms the build computed, which are the ones computed now.
 */
class UnderstandingSnapshotTest {

    @Test
    void theBundledIntentClassifierAndTheScreensModelsStartFromWhatTheBuildKept() {
        assertThat(LayeredInterpreter.bundled().classifier().fromBuild()).isTrue();
        assertThat(SafetyScreen.bundled().risk().model().fromBuild()).isTrue();
        assertThat(SafetyScreen.bundled().gate().model().fromBuild()).isTrue();
    }

    @Test
    void everyExemplarTheScreenAndTheClassifierEncodeHasItsVectorAndTheScreensItsNormalFormInTheBuildsSnapshot() throws IOException {
        Map<String, float[]> snapshot;
        try (InputStream in = MiniLmEncoder.class.getResourceAsStream(MiniLmEncoder.SNAPSHOT)) {
            assertThat(in).as("the build's snapshot on the class path").isNotNull();
            snapshot = EmbeddingSnapshot.read(in, MiniLmEncoder.MODEL).orElseThrow();
        }
        // the normal forms as SafetyScreen.build and LayeredInterpreter.bundled encode them
        RedFlagRules rules = RedFlagRules.bundled();
        Normaliser screens = new Normaliser(rules.corrector(Set.of()));
        LexicalScreen lexical = new LexicalScreen(rules);
        Set<String> missing = new TreeSet<>();
        Map<String, String> kept = NormalForms.bundled().orElseThrow(); // the build's, valid for these classes
        Set<String> keptWrong = new TreeSet<>();
        for (Exemplar e : SafetyScreen.bankExemplars()) {
            String normal = lexical.scan(screens.normalise(e.text())).remainder();
            if (!snapshot.containsKey(normal)) {
                missing.add(normal);
            }
            if (!normal.equals(kept.get(e.text()))) {
                keptWrong.add(e.text());
            }
        }
        assertThat(keptWrong).as("exemplars whose kept normal form is not the one computed now").isEmpty();
        Normaliser classifiers = new Normaliser(Corrector.NONE);
        for (Exemplar e : SafetyScreen.intentExemplars()) {
            String normal = classifiers.normalise(e.text()).text();
            if (!snapshot.containsKey(normal)) {
                missing.add(normal);
            }
        }
        assertThat(missing).isEmpty();
    }
}
