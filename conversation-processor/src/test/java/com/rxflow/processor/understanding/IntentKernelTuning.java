package com.rxflow.processor.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.semantic.Exemplar;
import com.rxflow.processor.understanding.semantic.Exemplars;
import com.rxflow.processor.understanding.semantic.Features;
import com.rxflow.processor.understanding.semantic.HashedNgrams;
import com.rxflow.processor.understanding.semantic.MiniLmEncoder;
import com.rxflow.processor.understanding.semantic.RidgeClassifier;
import com.rxflow.processor.understanding.text.Corrector;
import com.rxflow.processor.understanding.text.Normaliser;

/**
 * The tuning bench of the intent classifier's kernel, on the intent TUNING set only, by the same
 * ten-fold split as {@link IntentTuning}: each kernel and penalty, and how often letting the
 * classifier overrule a confident keyword rule by a margin would be right. Run by hand:
 * {@code ./mvnw -pl conversation-processor -am test -Dtest=IntentKernelTuning -Drxflow.tuning=true
 * -Dsurefire.failIfNoSpecifiedTests=false}, settings with {@code -Drxflow.experiments=QUADRATIC:1.0,...}
 * (the Gaussian kernel's 91.6 % in docs/understanding.md came from this bench's first version).
 */
@EnabledIfSystemProperty(named = "rxflow.tuning", matches = "true")
class IntentKernelTuning {

    private static final Set<Intent> KEYWORD_ONLY = Set.of(Intent.YES, Intent.NO, Intent.CORRECTION);
    private final DeterministicInterpreter keywords = new DeterministicInterpreter(DrugVocabulary.bundled());
    private final Normaliser normaliser = new Normaliser(Corrector.NONE);

    @Test
    void kernels() {
        List<Exemplar> rows = Exemplars.resource(SafetyScreen.INTENT_TUNING_SET);
        int n = rows.size();
        List<String> normal = rows.stream().map(e -> normaliser.normalise(e.text()).text()).toList();
        List<float[]> emb = MiniLmEncoder.shared().encodeAll(normal);
        List<Features> feats = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            feats.add(Features.of(emb.get(i), HashedNgrams.of(normal.get(i)), 0.5f));
        }
        List<Interpretation> kw = rows.stream().map(e -> keywords.interpret(e.text(), JohnSmith.context())).toList();
        int sure = 0;
        int sureWrong = 0;
        for (int i = 0; i < n; i++) {
            if (kw.get(i).confident()) {
                sure++;
                sureWrong += kw.get(i).intent().name().equals(rows.get(i).label()) ? 0 : 1;
            }
        }
        System.out.printf("keyword sure %d, wrong %d%n", sure, sureWrong);
        List<String> names = rows.stream().map(Exemplar::label).distinct().sorted().toList();
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = Math.floorMod(rows.get(i).text().hashCode(), 10);
        }
        String[] settings = System.getProperty("rxflow.experiments", "LINEAR:0.1,QUADRATIC:0.3,QUADRATIC:1.0").split(",");
        double[] margins = {Double.POSITIVE_INFINITY, 1.5, 1.0, 0.7, 0.5, 0.3};
        LayeredInterpreter layered = new LayeredInterpreter(keywords, null, LayeredInterpreter.HINT, LayeredInterpreter.FLOOR);
        for (String setting : settings) {
            RidgeClassifier.Kernel kernel = RidgeClassifier.Kernel.valueOf(setting.split(":")[0]);
            double lambda = Double.parseDouble(setting.split(":")[1]);
            int[] correct = new int[margins.length];
            for (int f = 0; f < 10; f++) {
                List<Features> train = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (fold[i] != f) {
                        train.add(feats.get(i));
                        labels.add(rows.get(i).label());
                    }
                }
                RidgeClassifier fitted = RidgeClassifier.fit(train, labels, lambda, kernel);
                for (int i = 0; i < n; i++) {
                    if (fold[i] != f) {
                        continue;
                    }
                    List<Map.Entry<String, Double>> ranked = fitted.rank(feats.get(i));
                    Interpretation k0 = kw.get(i);
                    Interpretation base = k0.confident() ? k0 : layered.decide(k0, ranked);
                    for (int g = 0; g < margins.length; g++) {
                        Intent got = overruled(k0, ranked, margins[g]) ? Intent.valueOf(best(ranked).getKey()) : base.intent();
                        correct[g] += got.name().equals(rows.get(i).label()) ? 1 : 0;
                    }
                }
            }
            StringBuilder line = new StringBuilder(String.format("%-9s lambda %.1f (%d labels):", kernel, lambda, names.size()));
            for (int g = 0; g < margins.length; g++) {
                line.append(String.format("  overrule>%.1f %.2f%%", margins[g], 100.0 * correct[g] / n));
            }
            System.out.println(line);
        }
    }

    /** Whether the classifier, ahead of a confident keyword rule by more than the margin, would overrule it. */
    private static boolean overruled(Interpretation keyword, List<Map.Entry<String, Double>> ranked, double margin) {
        if (!keyword.confident() || KEYWORD_ONLY.contains(keyword.intent())) {
            return false;
        }
        double said = ranked.stream().filter(e -> e.getKey().equals(keyword.intent().name()))
                .mapToDouble(Map.Entry::getValue).findFirst().orElse(-1);
        return best(ranked).getValue() - said > margin;
    }

    private static Map.Entry<String, Double> best(List<Map.Entry<String, Double>> ranked) {
        return ranked.stream().filter(e -> !KEYWORD_ONLY.contains(Intent.valueOf(e.getKey()))).findFirst().orElseThrow();
    }
}
