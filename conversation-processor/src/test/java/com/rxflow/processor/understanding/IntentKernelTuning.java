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
        List<Exemplar> rows = SafetyScreen.intentExemplars();
        int n = rows.size();
        List<String> normal = rows.stream().map(e -> normaliser.normalise(e.text()).text()).toList();
        List<Features> feats = features(normal);
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

    /**
     * Per intent a confident keyword rule gave: how often the classifier (quadratic, penalty 1.0,
     * ten-fold) ahead by more than a margin would fix the rule and how often it would break it; then
     * the second opinion asked only for the intents where it fixes more than it breaks, and only of
     * messages of at least so many words (short ones are most of the traffic and rarely wrong).
     */
    @Test
    void overrulesByIntent() {
        List<Exemplar> rows = SafetyScreen.intentExemplars();
        int n = rows.size();
        List<String> normal = rows.stream().map(e -> normaliser.normalise(e.text()).text()).toList();
        List<Features> feats = features(normal);
        List<Interpretation> kw = rows.stream().map(e -> keywords.interpret(e.text(), JohnSmith.context())).toList();
        double[] margins = {1.0, 0.7, 0.5, 0.3};
        int[] minWords = {1, 4, 6, 8};
        List<double[]> cases = new ArrayList<>(); // intent ordinal, rule right, classifier right, lead, words
        int sure = 0;
        for (int f = 0; f < 10; f++) {
            List<Features> train = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (Math.floorMod(rows.get(i).text().hashCode(), 10) != f) {
                    train.add(feats.get(i));
                    labels.add(rows.get(i).label());
                }
            }
            RidgeClassifier fitted = RidgeClassifier.fit(train, labels, 1.0, RidgeClassifier.Kernel.QUADRATIC);
            for (int i = 0; i < n; i++) {
                Interpretation k0 = kw.get(i);
                if (Math.floorMod(rows.get(i).text().hashCode(), 10) != f || !k0.confident()
                        || KEYWORD_ONLY.contains(k0.intent())) {
                    continue;
                }
                sure++;
                List<Map.Entry<String, Double>> ranked = fitted.rank(feats.get(i));
                double said = ranked.stream().filter(e -> e.getKey().equals(k0.intent().name()))
                        .mapToDouble(Map.Entry::getValue).findFirst().orElse(-1);
                cases.add(new double[] {k0.intent().ordinal(), k0.intent().name().equals(rows.get(i).label()) ? 1 : 0,
                    best(ranked).getKey().equals(rows.get(i).label()) ? 1 : 0, best(ranked).getValue() - said,
                    normal.get(i).split(" +").length});
            }
        }
        System.out.printf("%nOVERRULES BY KEYWORD INTENT (%d of %d messages had a sure rule; per margin: fixed/broken)%n",
                sure, n);
        for (Intent intent : Intent.values()) {
            StringBuilder line = new StringBuilder(String.format("  %-22s", intent));
            long count = cases.stream().filter(c -> c[0] == intent.ordinal()).count();
            if (count == 0) {
                continue;
            }
            line.append(String.format(" sure %4d wrong %3d:", count,
                    cases.stream().filter(c -> c[0] == intent.ordinal() && c[1] == 0).count()));
            for (double margin : margins) {
                int[] fb = fixedBroken(cases, c -> c[0] == intent.ordinal(), margin, 1);
                line.append(String.format("  >%.1f %d/%d", margin, fb[0], fb[1]));
            }
            System.out.println(line);
        }
        System.out.println("\nSECOND OPINION for the intents where it fixes more than it breaks (margin, at least so many words"
                + " -> intents, fixed/broken, messages asked):");
        for (double margin : margins) {
            java.util.Set<Integer> helped = new java.util.TreeSet<>();
            for (Intent intent : Intent.values()) {
                int[] fb = fixedBroken(cases, c -> c[0] == intent.ordinal(), margin, 1);
                if (fb[0] > fb[1]) {
                    helped.add(intent.ordinal());
                }
            }
            for (int words : minWords) {
                int[] fb = fixedBroken(cases, c -> helped.contains((int) c[0]), margin, words);
                long asked = cases.stream().filter(c -> helped.contains((int) c[0]) && c[4] >= words).count();
                System.out.printf("  >%.1f, %d+ words -> %s: %d/%d, %d asked%n", margin, words,
                        helped.stream().map(o -> Intent.values()[o].name()).toList(), fb[0], fb[1], asked);
            }
        }
    }

    /** What fitting the classifier at start-up costs with the first n tuning messages and with all of them. */
    @Test
    void fitCost() {
        List<Exemplar> rows = SafetyScreen.intentExemplars();
        List<String> normal = rows.stream().map(e -> normaliser.normalise(e.text()).text()).toList();
        List<Features> feats = features(normal);
        List<String> labels = rows.stream().map(Exemplar::label).toList();
        int before = Exemplars.resource(SafetyScreen.INTENT_TUNING_SET).size();
        for (int round = 0; round < 3; round++) {
            for (int n : new int[] {before, rows.size()}) {
                long start = System.nanoTime();
                RidgeClassifier.fit(feats.subList(0, n), labels.subList(0, n), 1.0, RidgeClassifier.Kernel.QUADRATIC);
                System.out.printf("FIT %d messages: %.1f s%n", n, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** Each normalised message's embedding and n-grams, weighted as the bundled classifier weighs them. */
    private static List<Features> features(List<String> normal) {
        List<float[]> emb = MiniLmEncoder.shared().encodeAll(normal);
        List<Features> feats = new ArrayList<>(normal.size());
        for (int i = 0; i < normal.size(); i++) {
            feats.add(Features.of(emb.get(i), HashedNgrams.of(normal.get(i)), 0.5f));
        }
        return feats;
    }

    private static int[] fixedBroken(List<double[]> cases, java.util.function.Predicate<double[]> which, double margin,
            int minWords) {
        int[] fb = new int[2];
        for (double[] c : cases) {
            if (which.test(c) && c[3] > margin && c[4] >= minWords) {
                fb[0] += c[1] == 0 && c[2] == 1 ? 1 : 0;
                fb[1] += c[1] == 1 ? 1 : 0;
            }
        }
        return fb;
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
