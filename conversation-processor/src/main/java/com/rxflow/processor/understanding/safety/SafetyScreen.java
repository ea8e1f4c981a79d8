package com.rxflow.processor.understanding.safety;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.rxflow.processor.understanding.Once;
import com.rxflow.processor.understanding.safety.LexicalScreen.Findings;
import com.rxflow.processor.understanding.safety.LexicalScreen.Hit;
import com.rxflow.processor.understanding.safety.RiskModel.Risk;
import com.rxflow.processor.understanding.semantic.Exemplar;
import com.rxflow.processor.understanding.semantic.ExemplarIndex;
import com.rxflow.processor.understanding.semantic.ExemplarIndex.Nearness;
import com.rxflow.processor.understanding.semantic.Exemplars;
import com.rxflow.processor.understanding.semantic.MiniLmEncoder;
import com.rxflow.processor.understanding.semantic.NormalForms;
import com.rxflow.processor.understanding.text.Language;
import com.rxflow.processor.understanding.text.NormalisedText;
import com.rxflow.processor.understanding.text.Normaliser;

/**
 * The safety screen: the first thing every patient message meets, in every state, and the one
 * thing no interpreter, model or conversation type can override. Built for recall: a missed
 * emergency is the worst defect a pharmacy assistant can have, a false alarm costs a patient a
 * moment.
 *
 * <ol>
 *   <li>The message is normalised (case, accents, apostrophes, repeated letters, phone
 *       abbreviations, slips of the words emergencies are written with).</li>
 *   <li>The lexical rules decide most messages in microseconds: a sign that stands is an emergency; a
 *       message with no sign, no warning and no cue word is clear, unless the {@link RiskGate} (a
 *       model over its words and letters, tens of microseconds) finds that it reads like one.</li>
 *   <li>The rest (cue words, a sign taken back by a negation, the past or an idiom, a warning) is
 *       compared with the labelled exemplars of the tuning set by sentence embeddings, and scored by
 *       a risk model fitted on the same exemplars ({@link RiskModel}): the two together give an
 *       emergency score and a suicide score. High enough and near an emergency exemplar, an emergency
 *       told at once; high enough otherwise, uncertain (a safety question and an URGENT case); else
 *       clear. A warning is never clear.</li>
 * </ol>
 *
 * <p>Pure: the same words and context always give the same verdict; no I/O after construction.
 */
public final class SafetyScreen {

    public static final String NONE = "NONE";
    public static final String TUNING_SET = "/com/rxflow/processor/understanding/data/safety-tuning.tsv";
    public static final String INTENT_TUNING_SET = "/com/rxflow/processor/understanding/data/intent-tuning.tsv";
    /**
     * Intent tuning messages not yet among this screen's harmless exemplars: the thresholds were
     * chosen with the bank they would join (docs/understanding.md, "The data").
     */
    public static final String RECENT_INTENT_TUNING_SET = "/com/rxflow/processor/understanding/data/intent-tuning-recent.tsv";

    /** Every intent tuning message: the intent classifier learns from all of them. */
    public static List<Exemplar> intentExemplars() {
        List<Exemplar> all = new ArrayList<>(Exemplars.resource(INTENT_TUNING_SET));
        all.addAll(Exemplars.resource(RECENT_INTENT_TUNING_SET));
        return all;
    }
    static final int NEIGHBOURS = 3;
    /**
     * A message this long is compared with the exemplars even without a cue word: indirect wording
     * ("gave me his watch and said take care of mom") is rarely short, and an ordinary request is.
     */
    static final int LONG = 8;

    private static final Once<SafetyScreen> BUNDLED = new Once<>(() -> build(SemanticThresholds.TUNED));

    private final Normaliser normaliser;
    private final LexicalScreen lexical;
    private final ExemplarIndex index;
    private final RiskModel risk;
    private final RiskGate gate;
    private final SemanticThresholds thresholds;

    public SafetyScreen(Normaliser normaliser, LexicalScreen lexical, ExemplarIndex index, RiskModel risk, RiskGate gate,
            SemanticThresholds thresholds) {
        this.normaliser = normaliser;
        this.lexical = lexical;
        this.index = index;
        this.risk = risk;
        this.gate = gate;
        this.thresholds = thresholds;
    }

    /**
     * The screen with the bundled rules, the in-process sentence model and the tuning set's exemplars
     * (every intent exemplar counts as a harmless one), built once per process: loading the model and
     * encoding the exemplars takes a second or two.
     */
    public static SafetyScreen bundled() {
        return BUNDLED.get();
    }

    /** The same screen with other thresholds (for tuning). */
    public SafetyScreen with(SemanticThresholds other) {
        return new SafetyScreen(normaliser, lexical, index, risk, gate, other);
    }

    /** A screen over the bundled rules and exemplars with other thresholds (for tuning). */
    public static SafetyScreen build(SemanticThresholds thresholds) {
        RedFlagRules rules = RedFlagRules.bundled();
        Normaliser normaliser = new Normaliser(rules.corrector(Set.of()));
        LexicalScreen lexical = new LexicalScreen(rules);
        // exemplars are compared as messages are: without idioms and taken-back clauses (as the build
        // computed them, when it did so with these very rules and this code)
        ExemplarIndex index = new ExemplarIndex(MiniLmEncoder.shared(),
                text -> lexical.scan(normaliser.normalise(text)).remainder(), bankExemplars(), NEIGHBOURS,
                NormalForms.bundled().orElse(Map.of()));
        return new SafetyScreen(normaliser, lexical, index, RiskModel.fit(index), RiskGate.fit(index), thresholds);
    }

    /** The exemplars the semantic layer compares with: the safety tuning set, and the intent tuning set as harmless. */
    public static List<Exemplar> bankExemplars() {
        List<Exemplar> bank = new ArrayList<>(Exemplars.resource(TUNING_SET));
        for (Exemplar intent : Exemplars.resource(INTENT_TUNING_SET)) {
            bank.add(new Exemplar(NONE, null, intent.tags(), intent.text()));
        }
        return bank;
    }

    public Screening screen(String text) {
        return screen(text, ScreenContext.NONE);
    }

    public Screening screen(String text, ScreenContext context) {
        NormalisedText normal = normaliser.normalise(text);
        boolean spanish = Language.isSpanish(normal);
        Findings found = lexical.scan(normal);
        if (!found.alarms().isEmpty()) {
            List<Hit> signs = new ArrayList<>(found.alarms());
            signs.addAll(found.warns()); // "took them all with vodka, so tired of everything": 988 too
            return new Screening(ScreenLevel.EMERGENCY, categories(signs, null, suicideAlso(signs, found)),
                    ScreenLayer.LEXICAL, evidence(found.alarms()), 1.0, spanish);
        }
        if (context.onAnticoagulant() && found.warns().stream()
                .anyMatch(h -> h.category() == EmergencyCategory.SERIOUS_BLEEDING)) {
            return new Screening(ScreenLevel.EMERGENCY, categories(found.warns(), EmergencyCategory.SERIOUS_BLEEDING, List.of()),
                    ScreenLayer.CONTEXT, evidence(found.warns()) + " (on a blood thinner)", 1.0, spanish);
        }
        if (!reaches(found) && !gate.opens(found.remainder())) {
            return Screening.clear(ScreenLayer.LEXICAL, null, 0, spanish);
        }
        float[] vector = index.encodeNormal(found.remainder());
        return decide(index.rank(vector, -1), risk.score(vector, found.remainder()), found, spanish);
    }

    /**
     * The semantic layer's verdict on a message from its nearest exemplars and its risk scores, given
     * what the rules found; also used to tune.
     */
    Screening decide(List<Nearness> ranked, Risk risk, Findings found, boolean spanish) {
        double none = ranked.stream().filter(n -> n.label().equals(NONE)).mapToDouble(Nearness::score).findFirst()
                .orElse(0);
        Nearness top = ranked.stream().filter(n -> !n.label().equals(NONE)).findFirst().orElse(null);
        double score = top == null ? 0 : top.score();
        double margin = score - none;
        EmergencyCategory nearest = top == null ? null : EmergencyCategory.valueOf(top.label());
        double emergencyScore = risk.emergency() + thresholds.neighbourWeight() * margin;
        boolean suicidal = risk.suicide() >= thresholds.suicide();
        boolean topical = !found.topics().isEmpty();
        double line = topical ? Math.min(thresholds.topic(), thresholds.alarm()) : thresholds.alarm();
        boolean alarm = (nearest != null || topical) && (emergencyScore >= line || suicidal);
        boolean atOnce = alarm && emergencyScore >= thresholds.alarm() && score >= thresholds.emergency()
                && margin >= thresholds.emergencyMargin();
        String why = top == null ? null : "like \"" + top.nearest().text() + "\" (" + round(top.nearestScore())
                + "), emergency score " + round(emergencyScore) + ", suicide score " + round(risk.suicide());
        EmergencyCategory lead = suicidal && !atOnce ? EmergencyCategory.SUICIDE_SELF_HARM
                : topical && !atOnce ? found.topics().get(0).category() : nearest;
        List<EmergencyCategory> also = risk.suicide() >= thresholds.suicideReply()
                ? List.of(EmergencyCategory.SUICIDE_SELF_HARM) : List.of();
        if (!found.warns().isEmpty()) {
            EmergencyCategory first = atOnce ? nearest : found.warns().get(0).category();
            return new Screening(atOnce ? ScreenLevel.EMERGENCY : ScreenLevel.UNCERTAIN,
                    categories(found.warns(), first, also), atOnce ? ScreenLayer.SEMANTIC : ScreenLayer.LEXICAL,
                    evidence(found.warns()) + (why == null ? "" : "; " + why), score, spanish);
        }
        if (!alarm) {
            return Screening.clear(ScreenLayer.SEMANTIC, why, score, spanish);
        }
        String named = topical ? evidence(found.topics()) + (why == null ? "" : "; " + why) : why;
        return new Screening(atOnce ? ScreenLevel.EMERGENCY : ScreenLevel.UNCERTAIN,
                categories(found.topics(), lead, also), ScreenLayer.SEMANTIC, named, score, spanish);
    }

    /**
     * 988 beside a sign of another emergency when the message also reads as a risk of suicide ("hit
     * myself in the face till my eye swelled", "pray i wont wake up" with a fainting word): the
     * suicide score from its own line. Only alarmed messages pay for the embedding.
     */
    private List<EmergencyCategory> suicideAlso(List<Hit> signs, Findings found) {
        if (signs.stream().anyMatch(h -> h.category() == EmergencyCategory.SUICIDE_SELF_HARM)) {
            return List.of();
        }
        float[] vector = index.encodeNormal(found.remainder());
        return risk.score(vector, found.remainder()).suicide() >= thresholds.suicideReply()
                ? List.of(EmergencyCategory.SUICIDE_SELF_HARM) : List.of();
    }

    /** The words of a message in normal form (single spaces, nothing around). */
    static int words(String text) {
        return text.isEmpty() ? 0 : text.split(" ").length;
    }

    /**
     * Whether the rules send a message with these findings on to the semantic layer; what they do not
     * send, the {@link RiskGate} may.
     */
    static boolean reaches(Findings found) {
        return found.alarms().isEmpty() && (!found.warns().isEmpty() || !found.topics().isEmpty() || found.anyCue()
                || words(found.remainder()) >= LONG);
    }

    /** The categories of the hits in precedence order, {@code first} (if any) leading, then {@code also}. */
    private static List<EmergencyCategory> categories(List<Hit> hits, EmergencyCategory first,
            List<EmergencyCategory> also) {
        Set<EmergencyCategory> seen = new HashSet<>();
        List<EmergencyCategory> out = new ArrayList<>();
        if (first != null) {
            out.add(first);
            seen.add(first);
        }
        hits.stream().map(Hit::category).sorted().forEach(c -> {
            if (seen.add(c)) {
                out.add(c);
            }
        });
        also.stream().filter(seen::add).forEach(out::add);
        return out;
    }

    private static String evidence(List<Hit> hits) {
        return "\"" + hits.get(0).words() + "\" (red-flags.txt line " + hits.get(0).line() + ")";
    }

    private static String round(double v) {
        return String.valueOf(Math.round(v * 100) / 100.0);
    }

    /** The rules' findings for a message, for tuning and evaluation. */
    public Findings findings(String text) {
        return lexical.scan(normaliser.normalise(text));
    }

    public Normaliser normaliser() {
        return normaliser;
    }

    public ExemplarIndex index() {
        return index;
    }

    public RiskModel risk() {
        return risk;
    }

    public RiskGate gate() {
        return gate;
    }
}
