package com.rxflow.processor.understanding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.semantic.Exemplar;
import com.rxflow.processor.understanding.semantic.Exemplars;
import com.rxflow.processor.understanding.semantic.IntentClassifier;
import com.rxflow.processor.understanding.semantic.MiniLmEncoder;
import com.rxflow.processor.understanding.text.Corrector;
import com.rxflow.processor.understanding.text.Normaliser;

/**
 * The tuning bench of understanding, on the intent TUNING set only: the keyword rules' accuracy and
 * mistakes, and the layered interpreter's by ten-fold cross-validation (the classifier fitted on
 * nine tenths, judged on the tenth) over a grid of its two settings. Run by hand:
 * {@code ./mvnw -pl conversation-processor test -Dtest=IntentTuning -Drxflow.tuning=true}; with
 * {@code -Drxflow.tuning.validate=FILE} it also judges a file that is not in the tuning set.
 */
@EnabledIfSystemProperty(named = "rxflow.tuning", matches = "true")
class IntentTuning {

    private final DeterministicInterpreter keywords = new DeterministicInterpreter(DrugVocabulary.bundled());
    private final Normaliser normaliser = new Normaliser(Corrector.NONE);

    @Test
    void report() {
        List<Exemplar> rows = SafetyScreen.intentExemplars();
        printKeywordReport(rows);
        double[] hints = {0, 0.1, 0.2, 0.3, 0.5};
        double[] floors = {-0.6, -0.4, -0.3, -0.2, -0.1, 0.0};
        int[][] correct = new int[hints.length][floors.length];
        for (int fold = 0; fold < 10; fold++) {
            List<Exemplar> train = fold(rows, fold, false);
            List<Exemplar> test = fold(rows, fold, true);
            IntentClassifier classifier = new IntentClassifier(MiniLmEncoder.shared(), normaliser, train);
            for (Exemplar e : test) {
                Interpretation k = keywords.interpret(e.text(), JohnSmith.context());
                var ranked = k.confident() ? null : classifier.rank(e.text());
                for (int h = 0; h < hints.length; h++) {
                    for (int f = 0; f < floors.length; f++) {
                        Interpretation i = k.confident() ? k
                                : new LayeredInterpreter(keywords, classifier, hints[h], floors[f]).decide(k, ranked);
                        if (i.intent().name().equals(e.label())) {
                            correct[h][f]++;
                        }
                    }
                }
            }
        }
        System.out.println("\nLAYERED, ten-fold (hint x floor):");
        for (int h = 0; h < hints.length; h++) {
            StringBuilder line = new StringBuilder(String.format("  hint %.1f:", hints[h]));
            for (int f = 0; f < floors.length; f++) {
                line.append(String.format("  floor %.1f %.1f%%", floors[f], 100.0 * correct[h][f] / rows.size()));
            }
            System.out.println(line);
        }
    }

    /** The classifier's two settings, ten-fold, with the layered interpreter's tuned hint and floor. */
    @Test
    void settings() {
        List<Exemplar> rows = SafetyScreen.intentExemplars();
        float[] weights = {0.3f, 0.5f, 0.8f, 1.2f};
        double[] lambdas = {0.3, 1.0, 3.0};
        int[][] correct = new int[weights.length][lambdas.length];
        for (int fold = 0; fold < 10; fold++) {
            List<Exemplar> train = fold(rows, fold, false);
            List<Exemplar> test = fold(rows, fold, true);
            for (int w = 0; w < weights.length; w++) {
                for (int l = 0; l < lambdas.length; l++) {
                    IntentClassifier classifier = new IntentClassifier(MiniLmEncoder.shared(), normaliser, train,
                            weights[w], lambdas[l], com.rxflow.processor.understanding.semantic.RidgeClassifier.Kernel.QUADRATIC);
                    LayeredInterpreter layered = new LayeredInterpreter(keywords, classifier);
                    for (Exemplar e : test) {
                        correct[w][l] += layered.interpret(e.text(), JohnSmith.context()).intent().name()
                                .equals(e.label()) ? 1 : 0;
                    }
                }
            }
        }
        System.out.println("\nCLASSIFIER SETTINGS, ten-fold (n-gram weight x lambda):");
        for (int w = 0; w < weights.length; w++) {
            StringBuilder line = new StringBuilder(String.format("  weight %.1f:", weights[w]));
            for (int l = 0; l < lambdas.length; l++) {
                line.append(String.format("  lambda %.2f %.1f%%", lambdas[l], 100.0 * correct[w][l] / rows.size()));
            }
            System.out.println(line);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "rxflow.tuning.validate", matches = ".+")
    void validate() throws java.io.IOException {
        String file = System.getProperty("rxflow.tuning.validate");
        List<Exemplar> rows = Exemplars.parse(java.nio.file.Files.readAllLines(java.nio.file.Path.of(file)), file);
        IntentClassifier classifier = new IntentClassifier(MiniLmEncoder.shared(), normaliser,
                SafetyScreen.intentExemplars());
        LayeredInterpreter layered = new LayeredInterpreter(keywords, classifier);
        int keywordOk = 0;
        int layeredOk = 0;
        Map<String, int[]> by = new TreeMap<>();
        for (Exemplar e : rows) {
            Interpretation k = keywords.interpret(e.text(), JohnSmith.context());
            Interpretation l = layered.interpret(e.text(), JohnSmith.context());
            keywordOk += k.intent().name().equals(e.label()) ? 1 : 0;
            boolean ok = l.intent().name().equals(e.label());
            layeredOk += ok ? 1 : 0;
            int[] c = by.computeIfAbsent(e.label(), x -> new int[2]);
            c[0]++;
            c[1] += ok ? 1 : 0;
            if (!ok) {
                System.out.println(e.label() + " got " + l.intent() + " (" + l.understoodBy() + ", keyword " + k.intent()
                        + " " + (k.confident() ? "sure" : "unsure") + "): " + e.text());
            }
        }
        System.out.printf("VALIDATION %s: keyword %.1f%%, layered %.1f%% of %d%n", file, 100.0 * keywordOk / rows.size(),
                100.0 * layeredOk / rows.size(), rows.size());
        by.forEach((k, v) -> System.out.printf("  %-22s %3d/%3d%n", k, v[1], v[0]));
    }

    /** The messages of one tenth (by the hash of their text), or all the others. */
    private static List<Exemplar> fold(List<Exemplar> rows, int fold, boolean inIt) {
        return rows.stream().filter(e -> (Math.floorMod(e.text().hashCode(), 10) == fold) == inIt).toList();
    }

    private void printKeywordReport(List<Exemplar> rows) {
        Map<String, int[]> by = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int medOk = 0;
        int sure = 0;
        int sureOk = 0;
        for (Exemplar e : rows) {
            Interpretation i = keywords.interpret(e.text(), JohnSmith.context());
            int[] c = by.computeIfAbsent(e.label(), k -> new int[2]);
            c[0]++;
            boolean ok = i.intent().name().equals(e.label());
            if (ok) {
                c[1]++;
            } else {
                wrong.add(e.label() + " got " + i.intent() + " " + i.intents() + (i.confident() ? " SURE" : "") + ": "
                        + e.text());
            }
            if (i.confident()) {
                sure++;
                sureOk += ok ? 1 : 0;
            }
            String got = i.medications().isEmpty() ? "-" : i.firstMedication().ambiguous() ? "?"
                    : String.valueOf(i.firstMedication().name());
            if (e.detail().equals(got)) {
                medOk++;
            } else {
                wrong.add("  MED " + e.detail() + " got " + got + ": " + e.text());
            }
        }
        int ok = by.values().stream().mapToInt(v -> v[1]).sum();
        System.out.printf("KEYWORD intent accuracy %d/%d = %.1f%%; sure on %d (%.1f%% right); medication %.1f%%%n", ok,
                rows.size(), 100.0 * ok / rows.size(), sure, 100.0 * sureOk / Math.max(1, sure),
                100.0 * medOk / rows.size());
        by.forEach((k, v) -> System.out.printf("  %-22s %3d/%3d%n", k, v[1], v[0]));
        wrong.forEach(System.out::println);
    }
}
