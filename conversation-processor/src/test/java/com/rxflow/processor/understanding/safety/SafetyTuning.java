package com.rxflow.processor.understanding.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.rxflow.processor.understanding.safety.LexicalScreen.Findings;
import com.rxflow.processor.understanding.safety.RiskModel.Risk;
import com.rxflow.processor.understanding.semantic.Exemplar;
import com.rxflow.processor.understanding.semantic.ExemplarIndex;
import com.rxflow.processor.understanding.text.Language;

/**
 * The tuning bench of the safety screen, on the TUNING set only: what the rules catch, what they
 * miss, what they alarm on wrongly, and the semantic layer's thresholds chosen by leave-one-out
 * for the nearest exemplars (each tuning message compared with all the others) and ten-fold
 * cross-validation for the risk model. Run by hand:
 * {@code ./mvnw -pl conversation-processor test -Dtest=SafetyTuning -Drxflow.tuning=true}.
 */
@EnabledIfSystemProperty(named = "rxflow.tuning", matches = "true")
class SafetyTuning {

    /** What a missed emergency costs in false alarms when the thresholds are chosen. */
    static final int MISS_COST = 2;

    @Test
    void report() {
        SafetyScreen screen = SafetyScreen.build(SemanticThresholds.TUNED);
        ExemplarIndex index = screen.index();
        List<Exemplar> bank = index.exemplars();
        int safetyRows = (int) com.rxflow.processor.understanding.semantic.Exemplars.resource(SafetyScreen.TUNING_SET)
                .size();
        double[] gateScores = crossValidatedGate(index);
        Map<String, int[]> lexical = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        List<Case> semanticCases = new ArrayList<>();
        for (int i = 0; i < bank.size(); i++) {
            Exemplar e = bank.get(i);
            boolean emergency = !e.label().equals(SafetyScreen.NONE);
            Findings f = screen.findings(e.text());
            boolean alarm = !f.alarms().isEmpty();
            boolean reaches = SafetyScreen.reaches(f) || RiskGate.opens(f.remainder(), gateScores[i]);
            int[] c = lexical.computeIfAbsent(e.label() + (i < safetyRows ? "" : " (intent set)"), k -> new int[4]);
            c[0]++;
            if (alarm) {
                c[1]++;
                if (!emergency) {
                    falseAlarms.add("ALARM " + f.alarms().get(0).category() + " " + f.alarms().get(0).words() + " <- "
                            + e.text());
                } else if (!e.label().equals(f.alarms().get(0).category().name())
                        && f.alarms().stream().noneMatch(h -> h.category().name().equals(e.label()))) {
                    misses.add("WRONG CATEGORY " + f.alarms().get(0).category() + " for " + e.label() + ": " + e.text());
                }
            } else if (!f.warns().isEmpty()) {
                c[2]++;
                if (!emergency) {
                    falseAlarms.add("WARN " + f.warns().get(0).category() + " " + f.warns().get(0).words() + " <- " + e.text());
                }
            } else if (reaches) {
                c[3]++;
                if (emergency) {
                    misses.add("CUE ONLY " + e.label() + " " + f.cues() + ": " + e.text());
                }
            } else if (emergency) {
                misses.add("NO CUE " + e.label() + ": " + e.text() + "   [" + screen.normaliser().normalise(e.text()).text() + "]");
            }
            // thresholds are set for the emergencies the rules will miss, which are not those they catch
            // here (the rules were written on this set): every emergency counts as if it reached
            if (reaches || emergency) {
                Findings asIfMissed = emergency && !reaches ? new Findings(List.of(), List.of(), List.of(), f.cues(), f.remainder(),
                        f.hits()) : f;
                semanticCases.add(new Case(i, e, asIfMissed, index.rank(index.vector(i), i),
                        Language.isSpanish(screen.normaliser().normalise(e.text()))));
            }
        }
        System.out.println("label: total / lexical alarm / warn / cue only");
        lexical.forEach((k, v) -> System.out.printf("  %-32s %4d %4d %4d %4d%n", k, v[0], v[1], v[2], v[3]));
        System.out.println("\nLEXICAL FALSE ALARMS (" + falseAlarms.size() + ")");
        falseAlarms.forEach(s -> System.out.println("  " + s));
        System.out.println("\nLEXICAL MISSES (" + misses.size() + ")");
        misses.forEach(s -> System.out.println("  " + s));

        // thresholds over the messages the semantic layer sees: the nearest exemplars by leave-one-out,
        // the risk model by ten-fold cross-validation (each message scored by a model fitted without it)
        Risk[] risks = crossValidatedRisks(index);
        for (Case c : semanticCases) {
            c.risk = risks[c.at];
        }
        System.out.println("\nSEMANTIC GRID (" + semanticCases.size() + " messages reach it)");
        int budget = (int) (bank.stream().filter(x -> x.label().equals(SafetyScreen.NONE)).count() / 100);
        SemanticThresholds base = SemanticThresholds.TUNED;
        List<SemanticThresholds> grid = new ArrayList<>();
        List<int[]> gridCounts = new ArrayList<>();
        for (double w = 2; w <= 6; w += 1) {
            for (double alarm = -0.6; alarm <= 0.5; alarm += 0.05) {
                for (double suicide = -0.2; suicide <= 0.81; suicide += 0.1) {
                    for (double reply = -0.6; reply <= -0.19; reply += 0.2) {
                        SemanticThresholds t = new SemanticThresholds(base.emergency(), base.emergencyMargin(), w, alarm,
                                suicide, reply, base.topic());
                        grid.add(t);
                        gridCounts.add(count(screen.with(t), semanticCases));
                    }
                }
            }
        }
        // what a missed emergency costs in false alarms decides the trade; the bundled choice is MISS_COST
        SemanticThresholds best = null;
        int[] bestCounts = null;
        for (int missCost : new int[] {1, 2, 3, 5}) {
            double bestCost = Double.MAX_VALUE;
            SemanticThresholds pick = null;
            int[] pickCounts = null;
            for (int g = 0; g < grid.size(); g++) {
                int[] counts = gridCounts.get(g);
                double cost = counts[0] * missCost + counts[1] - counts[2] * 0.01; // then most suicide risks given 988
                if (cost < bestCost) {
                    bestCost = cost;
                    pick = grid.get(g);
                    pickCounts = counts;
                }
            }
            System.out.printf("a miss costs %d false alarms: %s -> missed %d, false alarms %d, suicide with 988 %d%n",
                    missCost, pick, pickCounts[0], pickCounts[1], pickCounts[2]);
            if (missCost == MISS_COST) {
                best = pick;
                bestCounts = pickCounts;
            }
        }
        // the line for messages that name an emergency: every such emergency still caught, fewest false alarms
        List<Case> topical = semanticCases.stream().filter(c -> !c.found.topics().isEmpty()).toList();
        System.out.println("\nTOPIC LINE (" + topical.size() + " messages name an emergency): line -> missed, false alarms");
        SemanticThresholds chosen = best;
        int fewestMisses = Integer.MAX_VALUE;
        for (double line = -3.0; line <= best.alarm() + 1e-9; line += 0.1) {
            SemanticThresholds t = new SemanticThresholds(best.emergency(), best.emergencyMargin(), best.neighbourWeight(),
                    best.alarm(), best.suicide(), best.suicideReply(), line);
            int[] counts = count(screen.with(t), topical);
            System.out.printf("  %.1f -> %d, %d%n", line, counts[0], counts[1]);
            if (counts[0] <= fewestMisses) { // ties go to the higher line: fewer false alarms, same recall
                fewestMisses = counts[0];
                chosen = t;
            }
        }
        best = chosen;
        bestCounts = count(screen.with(best), semanticCases);
        int[] now = count(screen, semanticCases);
        System.out.printf("bundled %s -> missed %d, false alarms %d, suicide with 988 %d%n", base, now[0], now[1], now[2]);
        System.out.printf("best    %s -> missed %d, false alarms %d (1 %% of harmless: %d), suicide with 988 %d%n",
                best, bestCounts[0], bestCounts[1], budget, bestCounts[2]);
        SafetyScreen tuned = screen.with(best);
        Map<String, int[]> semanticBy = new TreeMap<>();
        for (Case c : semanticCases) {
            if (!c.exemplar.label().equals(SafetyScreen.NONE)) {
                int[] k = semanticBy.computeIfAbsent(c.exemplar.label(), x -> new int[2]);
                k[0]++;
                k[1] += tuned.decide(c.ranked, c.risk, c.found, c.spanish).alarms() ? 1 : 0;
            }
        }
        System.out.println("semantic layer alone, per category (caught / all): " + semanticBy.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[0]).toList());
        System.out.println("\nSEMANTIC DECISIONS WITH THE BEST (false alarms)");
        for (Case c : semanticCases) {
            Screening s = tuned.decide(c.ranked, c.risk, c.found, c.spanish);
            if (c.exemplar.label().equals(SafetyScreen.NONE) && s.alarms()) {
                System.out.println("  FALSE " + s.level() + " " + s.primary() + ": " + c.exemplar.text() + "   <"
                        + s.evidence() + ">");
            }
        }
    }

    /** Missed emergencies, false alarms, and suicide-risk messages answered with 988, by the semantic layer alone. */
    private static int[] count(SafetyScreen candidate, List<Case> cases) {
        int[] counts = new int[3];
        for (Case c : cases) {
            Screening s = candidate.decide(c.ranked, c.risk, c.found, c.spanish);
            boolean emergency = !c.exemplar.label().equals(SafetyScreen.NONE);
            counts[0] += emergency && !s.alarms() ? 1 : 0;
            counts[1] += !emergency && s.alarms() ? 1 : 0;
            counts[2] += c.exemplar.label().equals(EmergencyCategory.SUICIDE_SELF_HARM.name()) && s.alarms()
                    && (s.suicideRisk() || s.level() == ScreenLevel.UNCERTAIN) ? 1 : 0;
        }
        return counts;
    }

    /** Each exemplar's risk scores from a model fitted on the nine tenths of the bank it is not in. */
    static Risk[] crossValidatedRisks(ExemplarIndex index) {
        int n = index.exemplars().size();
        int[] fold = folds(index);
        Risk[] out = new Risk[n];
        for (int f = 0; f < 10; f++) {
            int held = f;
            RiskModel model = RiskModel.fit(index, i -> fold[i] != held);
            System.out.println("fold " + f + ": " + model.iterations() + " iterations");
            for (int i = 0; i < n; i++) {
                if (fold[i] == held) {
                    out[i] = model.score(index.vector(i), index.normal(i));
                }
            }
        }
        return out;
    }

    /** Each exemplar's gate score from a gate fitted on the nine tenths of the bank it is not in. */
    static double[] crossValidatedGate(ExemplarIndex index) {
        int n = index.exemplars().size();
        int[] fold = folds(index);
        double[] out = new double[n];
        for (int f = 0; f < 10; f++) {
            int held = f;
            RiskGate gate = RiskGate.fit(index, i -> fold[i] != held);
            for (int i = 0; i < n; i++) {
                if (fold[i] == held) {
                    out[i] = gate.score(index.normal(i));
                }
            }
        }
        return out;
    }

    /** Each exemplar's tenth, by the CRC of its lower-cased text. */
    private static int[] folds(ExemplarIndex index) {
        int n = index.exemplars().size();
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(index.exemplars().get(i).text().toLowerCase(java.util.Locale.ROOT)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            fold[i] = (int) (crc.getValue() % 10);
        }
        return fold;
    }

    /**
     * The gate's line: for each candidate, how many emergencies the gate would send on of those the
     * rules do not (scored by a gate fitted without them), and how many harmless and ordinary messages
     * the rules would have cleared it sends to the semantic layer (what the line costs).
     */
    @Test
    void gate() {
        SafetyScreen screen = SafetyScreen.build(SemanticThresholds.TUNED);
        ExemplarIndex index = screen.index();
        List<Exemplar> bank = index.exemplars();
        int safetyRows = com.rxflow.processor.understanding.semantic.Exemplars.resource(SafetyScreen.TUNING_SET).size();
        double[] scores = crossValidatedGate(index);
        List<Integer> emergencies = new ArrayList<>();
        List<Integer> harmless = new ArrayList<>();
        List<Integer> ordinary = new ArrayList<>();
        List<Integer> unreached = new ArrayList<>();
        for (int i = 0; i < bank.size(); i++) {
            Findings f = screen.findings(bank.get(i).text());
            boolean emergency = !bank.get(i).label().equals(SafetyScreen.NONE);
            if (emergency) {
                emergencies.add(i);
                if (f.alarms().isEmpty() && !SafetyScreen.reaches(f)) {
                    unreached.add(i);
                }
            } else if (f.alarms().isEmpty() && !SafetyScreen.reaches(f)) {
                (i < safetyRows ? harmless : ordinary).add(i);
            }
        }
        System.out.printf("GATE: %d emergencies (%d the rules would not send on), %d harmless and %d ordinary messages "
                + "the rules clear%n", emergencies.size(), unreached.size(), harmless.size(), ordinary.size());
        for (double line = -1.2; line <= 0.41; line += 0.1) {
            double at = line;
            java.util.function.IntPredicate opens = i -> RiskGate.considers(index.normal(i)) && scores[i] >= at;
            long e = emergencies.stream().filter(opens::test).count();
            long h = harmless.stream().filter(opens::test).count();
            long o = ordinary.stream().filter(opens::test).count();
            long u = unreached.stream().filter(opens::test).count();
            System.out.printf("  line %5.2f: emergencies opened %5.1f %% (%d of the %d the rules would not send on), "
                    + "cleared harmless sent on %5.1f %%, cleared ordinary sent on %5.1f %%%n", line,
                    100.0 * e / emergencies.size(), u, unreached.size(), 100.0 * h / harmless.size(),
                    100.0 * o / ordinary.size());
        }
    }

    /**
     * The replies on the tuning set: of the suicide-risk messages that alarm, how many are answered
     * without 988; of the other emergencies that alarm, how many are told about 988 as well.
     */
    @Test
    void replies() {
        SafetyScreen screen = SafetyScreen.build(SemanticThresholds.TUNED);
        int suicideAlarmed = 0;
        int suicideWithout988 = 0;
        int otherAlarmed = 0;
        int otherWith988 = 0;
        for (Exemplar e : com.rxflow.processor.understanding.semantic.Exemplars.resource(SafetyScreen.TUNING_SET)) {
            if (e.label().equals(SafetyScreen.NONE)) {
                continue;
            }
            Screening s = screen.screen(e.text());
            if (!s.alarms()) {
                continue;
            }
            boolean with988 = com.rxflow.processor.conversation.workflow.handoff.SafetyReplies.of(s).contains("988");
            if (e.label().equals(EmergencyCategory.SUICIDE_SELF_HARM.name())) {
                suicideAlarmed++;
                if (!with988) {
                    suicideWithout988++;
                    System.out.println("  WITHOUT 988 " + s.layer() + " " + s.categories() + ": " + e.text());
                }
            } else {
                otherAlarmed++;
                otherWith988 += with988 ? 1 : 0;
            }
        }
        System.out.printf("REPLIES: suicide risk alarmed %d, of them without 988 %d; other emergencies alarmed %d, "
                + "of them with 988 %d%n", suicideAlarmed, suicideWithout988, otherAlarmed, otherWith988);
    }

    /** Screens a file that is not in the bank (new tuning data, before it joins): an estimate of what held-out will show. */
    @Test
    @EnabledIfSystemProperty(named = "rxflow.tuning.validate", matches = ".+")
    void validate() throws java.io.IOException {
        SafetyScreen screen = SafetyScreen.build(SemanticThresholds.TUNED);
        String file = System.getProperty("rxflow.tuning.validate");
        List<Exemplar> rows = com.rxflow.processor.understanding.semantic.Exemplars.parse(
                java.nio.file.Files.readAllLines(java.nio.file.Path.of(file)), file);
        Map<String, int[]> by = new TreeMap<>();
        for (Exemplar e : rows) {
            Screening s = screen.screen(e.text());
            boolean emergency = !e.label().equals(SafetyScreen.NONE);
            int[] c = by.computeIfAbsent(e.label(), k -> new int[4]);
            c[0]++;
            if (s.level() == ScreenLevel.EMERGENCY) {
                c[1]++;
            } else if (s.level() == ScreenLevel.UNCERTAIN) {
                c[2]++;
            }
            if (emergency && e.label().equals("SUICIDE_SELF_HARM") && !s.suicideRisk()) {
                c[3]++;
            }
            if (emergency != s.alarms()) {
                System.out.println((emergency ? "MISS " + e.label() : "FALSE " + s.level() + " " + s.primary() + " "
                        + s.layer()) + ": " + e.text() + "   <" + s.evidence() + ">");
            }
        }
        System.out.println("label: total / emergency / uncertain / suicide without 988");
        by.forEach((k, v) -> System.out.printf("  %-24s %4d %4d %4d %4d%n", k, v[0], v[1], v[2], v[3]));
    }

    private static final class Case {
        final int at;
        final Exemplar exemplar;
        final Findings found;
        final List<ExemplarIndex.Nearness> ranked;
        final boolean spanish;
        Risk risk;

        Case(int at, Exemplar exemplar, Findings found, List<ExemplarIndex.Nearness> ranked, boolean spanish) {
            this.at = at;
            this.exemplar = exemplar;
            this.found = found;
            this.ranked = ranked;
            this.spanish = spanish;
        }
    }
}
