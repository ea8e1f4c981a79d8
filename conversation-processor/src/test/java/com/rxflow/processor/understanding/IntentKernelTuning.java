package com.rxflow.processor.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
 * -Dsurefire.failIfNoSpecifiedTests=false}, settings with {@code -Drxflow.experiments=poly2:1.0,...}.
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
        int sure = 0, sureWrong = 0;
        for (int i = 0; i < n; i++) {
            if (kw.get(i).confident()) {
                sure++;
                sureWrong += kw.get(i).intent().name().equals(rows.get(i).label()) ? 0 : 1;
            }
        }
        System.out.printf("keyword sure %d, wrong %d%n", sure, sureWrong);
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                gram[i][j] = gram[j][i] = feats.get(i).dot(feats.get(j));
            }
        }
        List<String> names = rows.stream().map(Exemplar::label).distinct().sorted().toList();
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = Math.floorMod(rows.get(i).text().hashCode(), 10);
        }
        String[] settings = System.getProperty("rxflow.experiments", "linear:0.1,poly2:0.3,poly2:1.0,rbf1:0.1,rbf1:0.3,poly3:1.0").split(",");
        double[] margins = {Double.POSITIVE_INFINITY, 1.5, 1.0, 0.7, 0.5, 0.3};
        LayeredInterpreter layered = new LayeredInterpreter(keywords, null, LayeredInterpreter.HINT, LayeredInterpreter.FLOOR);
        for (String setting : settings) {
            String kernel = setting.split(":")[0];
            double lambda = Double.parseDouble(setting.split(":")[1]);
            {
                int[] correct = new int[margins.length];
                Map<String, int[]> per = new TreeMap<>();
                for (int f = 0; f < 10; f++) {
                    List<Integer> train = new ArrayList<>();
                    List<Integer> test = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        (fold[i] == f ? test : train).add(i);
                    }
                    int m = train.size();
                    double[][] k = new double[m][m];
                    for (int a = 0; a < m; a++) {
                        for (int b = 0; b <= a; b++) {
                            double v = apply(kernel, gram, train.get(a), train.get(b));
                            k[a][b] = k[b][a] = v;
                        }
                        k[a][a] += lambda;
                    }
                    double[][] l = cholesky(k);
                    double[][] alpha = new double[names.size()][];
                    for (int c = 0; c < names.size(); c++) {
                        double[] t = new double[m];
                        for (int a = 0; a < m; a++) {
                            t[a] = rows.get(train.get(a)).label().equals(names.get(c)) ? 1 : -1;
                        }
                        alpha[c] = solve(l, t);
                    }
                    for (int i : test) {
                        double[] kv = new double[m];
                        for (int a = 0; a < m; a++) {
                            kv[a] = apply(kernel, gram, i, train.get(a));
                        }
                        List<Map.Entry<String, Double>> ranked = new ArrayList<>();
                        for (int c = 0; c < names.size(); c++) {
                            double s = 0;
                            for (int a = 0; a < m; a++) {
                                s += alpha[c][a] * kv[a];
                            }
                            ranked.add(Map.entry(names.get(c), s));
                        }
                        ranked.sort((x, y) -> Double.compare(y.getValue(), x.getValue()));
                        Interpretation k0 = kw.get(i);
                        Interpretation base = k0.confident() ? k0 : layered.decide(k0, ranked);
                        for (int g = 0; g < margins.length; g++) {
                            Intent got = base.intent();
                            if (k0.confident() && !KEYWORD_ONLY.contains(k0.intent())) {
                                Map.Entry<String, Double> top = ranked.stream()
                                        .filter(e -> !KEYWORD_ONLY.contains(Intent.valueOf(e.getKey()))).findFirst().get();
                                double sk = ranked.stream().filter(e -> e.getKey().equals(k0.intent().name()))
                                        .mapToDouble(Map.Entry::getValue).findFirst().orElse(-1);
                                if (top.getValue() - sk > margins[g]) {
                                    got = Intent.valueOf(top.getKey());
                                }
                            }
                            if (got.name().equals(rows.get(i).label())) {
                                correct[g]++;
                            }
                        }
                        int[] p = per.computeIfAbsent(rows.get(i).label(), x -> new int[2]);
                        p[0]++;
                        p[1] += base.intent().name().equals(rows.get(i).label()) ? 1 : 0;
                    }
                }
                StringBuilder line = new StringBuilder(String.format("%-6s lambda %.1f:", kernel, lambda));
                for (int g = 0; g < margins.length; g++) {
                    line.append(String.format("  override>%.1f %.2f%%", margins[g], 100.0 * correct[g] / n));
                }
                System.out.println(line);
                if (kernel.equals("linear") && lambda == 0.1) {
                    per.forEach((a, b) -> System.out.printf("    %-22s %3d/%3d%n", a, b[1], b[0]));
                }
                System.out.flush();
            }
        }
    }

    private static double apply(String kernel, double[][] gram, int i, int j) {
        double d = gram[i][j];
        return switch (kernel) {
            case "linear" -> 1 + d;
            case "poly2" -> (1 + d) * (1 + d);
            case "poly3" -> (1 + d) * (1 + d) * (1 + d) / 3;
            case "rbf1" -> 1 + Math.exp(-1.0 * (gram[i][i] + gram[j][j] - 2 * d));
            case "rbf2" -> 1 + Math.exp(-0.5 * (gram[i][i] + gram[j][j] - 2 * d));
            default -> throw new IllegalArgumentException(kernel);
        };
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            l[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    sum -= li[k] * lj[k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / lj[j];
            }
        }
        return l;
    }

    private static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
