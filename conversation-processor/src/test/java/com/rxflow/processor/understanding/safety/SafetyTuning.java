package com.rxflow.processor.understanding.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.rxflow.processor.understanding.safety.LexicalScreen.Findings;
import com.rxflow.processor.understanding.semantic.Exemplar;
import com.rxflow.processor.understanding.semantic.ExemplarIndex;
import com.rxflow.processor.understanding.text.Language;

/**
 * The tuning bench of the safety screen, on the TUNING set only: what the rules catch, what they
 * miss, what they alarm on wrongly, and the semantic layer's thresholds chosen by leave-one-out
 * (each tuning message compared with all the others). Run by hand:
 * {@code ./mvnw -pl conversation-processor test -Dtest=SafetyTuning -Drxflow.tuning=true}.
 */
@EnabledIfSystemProperty(named = "rxflow.tuning", matches = "true")
class SafetyTuning {

    @Test
    void report() {
        SafetyScreen screen = SafetyScreen.build(SemanticThresholds.TUNED);
        ExemplarIndex index = screen.index();
        List<Exemplar> bank = index.exemplars();
        int safetyRows = (int) com.rxflow.processor.understanding.semantic.Exemplars.resource(SafetyScreen.TUNING_SET)
                .size();
        Map<String, int[]> lexical = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        List<Case> semanticCases = new ArrayList<>();
        for (int i = 0; i < bank.size(); i++) {
            Exemplar e = bank.get(i);
            boolean emergency = !e.label().equals(SafetyScreen.NONE);
            Findings f = screen.findings(e.text());
            boolean alarm = !f.alarms().isEmpty();
            boolean reaches = SafetyScreen.reaches(f);
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
                Findings asIfMissed = emergency && !reaches ? new Findings(List.of(), List.of(), f.cues(), f.remainder(),
                        f.hits()) : f;
                semanticCases.add(new Case(e, asIfMissed, index.rank(index.vector(i), i),
                        Language.isSpanish(screen.normaliser().normalise(e.text()))));
            }
        }
        try (java.io.PrintWriter out = new java.io.PrintWriter("target/safety-vectors.tsv", "UTF-8")) {
            for (int i = 0; i < bank.size(); i++) {
                Findings f = screen.findings(bank.get(i).text());
                String lex = !f.alarms().isEmpty() ? "alarm" : !f.warns().isEmpty() ? "warn" : f.anyCue() ? "cue" : "none";
                StringBuilder v = new StringBuilder();
                for (float x : index.vector(i)) {
                    v.append(v.length() == 0 ? "" : ",").append(x);
                }
                out.println(bank.get(i).label() + "\t" + (i < safetyRows ? "safety" : "intent") + "\t" + lex + "\t"
                        + f.remainder() + "\t" + v);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.println("label: total / lexical alarm / warn / cue only");
        lexical.forEach((k, v) -> System.out.printf("  %-32s %4d %4d %4d %4d%n", k, v[0], v[1], v[2], v[3]));
        System.out.println("\nLEXICAL FALSE ALARMS (" + falseAlarms.size() + ")");
        falseAlarms.forEach(s -> System.out.println("  " + s));
        System.out.println("\nLEXICAL MISSES (" + misses.size() + ")");
        misses.forEach(s -> System.out.println("  " + s));

        // thresholds by leave-one-out over the messages the semantic layer sees
        System.out.println("\nSEMANTIC GRID (" + semanticCases.size() + " messages reach it)");
        double[] best = null;
        for (double t = 0.40; t <= 0.80; t += 0.02) {
            for (double m = -0.10; m <= 0.16; m += 0.02) {
                for (double u = 0.30; u <= t; u += 0.04) {
                    for (double um = -0.12; um <= m; um += 0.04) {
                      for (double sm = -0.12; sm <= um; sm += 0.02) {
                        SafetyScreen candidate = screen.with(new SemanticThresholds(t, m, u, um, sm));
                        int missed = 0;
                        int alarmed = 0;
                        int emergencies = 0;
                        for (Case c : semanticCases) {
                            Screening s = candidate.decide(c.ranked, c.found, c.spanish);
                            boolean emergency = !c.exemplar.label().equals(SafetyScreen.NONE);
                            if (emergency && !s.alarms()) {
                                missed++;
                            }
                            if (!emergency && s.alarms()) {
                                alarmed++;
                            }
                            if (emergency && s.level() == ScreenLevel.EMERGENCY) {
                                emergencies++;
                            }
                        }
                        // most emergencies caught by the semantic layer alone within a false-alarm budget of 1 % of
                        // the harmless messages, then fewest false alarms, then most told at once
                        int budget = (int) (bank.stream().filter(x -> x.label().equals(SafetyScreen.NONE)).count() / 100);
                        double cost = (alarmed > budget ? 1e6 : 0) + missed * 1000 + alarmed * 10 - emergencies * 0.1;
                        if (best == null || cost < best[0]) {
                            best = new double[] {cost, t, m, u, um, missed, alarmed, emergencies, sm};
                        }
                      }
                    }
                }
            }
        }
        System.out.printf("best: emergency %.2f margin %.2f uncertain %.2f margin %.2f suicide margin %.2f -> missed %d, "
                + "false alarms %d, told at once %d%n", best[1], best[2], best[3], best[4], best[8], (int) best[5],
                (int) best[6], (int) best[7]);
        SafetyScreen tuned = screen.with(new SemanticThresholds(best[1], best[2], best[3], best[4], best[8]));
        Map<String, int[]> semanticBy = new TreeMap<>();
        for (Case c : semanticCases) {
            if (!c.exemplar.label().equals(SafetyScreen.NONE)) {
                int[] k = semanticBy.computeIfAbsent(c.exemplar.label(), x -> new int[2]);
                k[0]++;
                k[1] += tuned.decide(c.ranked, c.found, c.spanish).alarms() ? 1 : 0;
            }
        }
        System.out.println("semantic layer alone, per category (caught / all): " + semanticBy.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[0]).toList());
        System.out.println("\nSEMANTIC DECISIONS WITH THE BEST (misses and false alarms)");
        for (Case c : semanticCases) {
            Screening s = tuned.decide(c.ranked, c.found, c.spanish);
            boolean emergency = !c.exemplar.label().equals(SafetyScreen.NONE);
            if (!emergency && s.alarms()) {
                System.out.println("  FALSE " + s.level() + " " + s.primary() + ": " + c.exemplar.text() + "   <"
                        + s.evidence() + ">");
            }
        }
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

    private record Case(Exemplar exemplar, Findings found, List<ExemplarIndex.Nearness> ranked, boolean spanish) {
    }
}
