package com.rxflow.processor.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.semantic.Exemplar;
import com.rxflow.processor.understanding.semantic.Exemplars;

/**
 * The held-out sets stay held out: no message of theirs is also in a tuning set, where the semantic
 * layer would compare with it or the classifier learn it, nor in a round waiting in
 * {@code tuning/pending} to join one. Counts only; the held-out messages are never printed.
 */
class HeldOutIsolationTest {

    @Test
    void noHeldOutSafetyMessageIsAlsoATuningMessage() {
        assertThat(shared(UnderstandingEvaluationTest.SAFETY, SafetyScreen.TUNING_SET)).isZero();
    }

    @Test
    void noHeldOutIntentMessageIsAlsoATuningMessage() {
        assertThat(shared(UnderstandingEvaluationTest.INTENTS, SafetyScreen.INTENT_TUNING_SET)).isZero();
        assertThat(shared(UnderstandingEvaluationTest.INTENTS, SafetyScreen.RECENT_INTENT_TUNING_SET)).isZero();
        assertThat(shared(UnderstandingEvaluationTest.SAFETY, SafetyScreen.RECENT_INTENT_TUNING_SET)).isZero();
    }

    @Test
    void noHeldOutMessageIsAmongTheSafetyScreensExemplars() {
        Set<String> bank = texts(SafetyScreen.bankExemplars());
        long shared = texts(Exemplars.resource(UnderstandingEvaluationTest.SAFETY)).stream().filter(bank::contains).count()
                + texts(Exemplars.resource(UnderstandingEvaluationTest.INTENTS)).stream().filter(bank::contains).count();
        assertThat(shared).isZero();
    }

    @Test
    void noHeldOutMessageWaitsAmongThePendingTuningRounds() throws IOException {
        Set<String> heldOut = texts(Exemplars.resource(UnderstandingEvaluationTest.SAFETY));
        heldOut.addAll(texts(Exemplars.resource(UnderstandingEvaluationTest.INTENTS)));
        List<Path> rounds;
        try (var files = Files.list(Path.of("tuning", "pending"))) {
            rounds = files.filter(file -> file.toString().endsWith(".tsv")).sorted().toList();
        }
        assertThat(rounds).as("the pending rounds").isNotEmpty();
        for (Path round : rounds) {
            Set<String> pending = texts(Exemplars.parse(Files.readAllLines(round), round.toString()));
            assertThat(pending).as(round.toString()).isNotEmpty();
            assertThat(pending.stream().filter(heldOut::contains).count()).as(round.toString()).isZero();
        }
    }

    private static long shared(String heldOut, String tuning) {
        Set<String> tuned = texts(Exemplars.resource(tuning));
        return texts(Exemplars.resource(heldOut)).stream().filter(tuned::contains).count();
    }

    private static Set<String> texts(List<Exemplar> exemplars) {
        return exemplars.stream().map(e -> e.text().strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(java.util.HashSet::new));
    }
}
