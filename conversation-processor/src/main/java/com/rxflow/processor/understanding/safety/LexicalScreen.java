package com.rxflow.processor.understanding.safety;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

import com.rxflow.processor.understanding.safety.RedFlagRules.Kind;
import com.rxflow.processor.understanding.safety.RedFlagRules.Rule;
import com.rxflow.processor.understanding.text.NormalisedText;

/**
 * The cheap layer of the safety screen: the rules of {@link RedFlagRules} over a normalised
 * message. Harmless turns of phrase are taken out first ("dying to know"); a sign that is negated
 * in its clause ("no chest pain") or over ("the swelling went down last week") does not alarm, but
 * it is not forgotten either: it becomes a cue, so the semantic layer looks at the message.
 */
public final class LexicalScreen {

    private final RedFlagRules rules;

    public LexicalScreen(RedFlagRules rules) {
        this.rules = rules;
    }

    /** One rule's match, and whether its clause took it back. */
    public record Hit(Kind kind, EmergencyCategory category, int line, String words, Veto veto) {
    }

    /** Why a sign does not count as one. */
    public enum Veto {
        NONE, NEGATED, OVER, EXPLAINED
    }

    /**
     * What the rules found in one message.
     *
     * @param alarms signs of an emergency that stand
     * @param warns  possible emergencies that stand
     * @param topics    names of emergencies that stand, for the semantic layer to judge
     * @param cues      categories whose cue words appear in the remainder
     * @param remainder   the message without its harmless turns of phrase and without the clauses whose
     *                    sign was taken back: what the semantic layer compares, since sentence embeddings
     *                    do not see a negation ("no chest pain" lies close to "chest pain")
     * @param hits        every match, for the evidence
     */
    public record Findings(List<Hit> alarms, List<Hit> warns, List<Hit> topics, Set<EmergencyCategory> cues,
            String remainder, List<Hit> hits) {

        public boolean anyCue() {
            return !cues.isEmpty();
        }
    }

    public Findings scan(NormalisedText message) {
        String text = message.text();
        List<Hit> hits = new ArrayList<>();
        StringBuilder masked = null;
        for (Rule rule : rules.rules()) {
            if (rule.kind() != Kind.IDIOM) {
                continue;
            }
            Matcher m = rule.pattern().matcher(masked == null ? text : masked);
            while (m.find()) {
                if (masked == null) {
                    masked = new StringBuilder(text);
                }
                mask(masked, m.start(), m.end());
                hits.add(new Hit(Kind.IDIOM, null, rule.line(), text.substring(m.start(), m.end()), Veto.NONE));
            }
        }
        String screened = masked == null ? text : masked.toString();
        Clauses clauses = new Clauses(message);
        List<Hit> alarms = new ArrayList<>();
        List<Hit> warns = new ArrayList<>();
        List<Hit> topics = new ArrayList<>();
        StringBuilder remainder = new StringBuilder(screened);
        Set<EmergencyCategory> explained = EnumSet.noneOf(EmergencyCategory.class);
        for (Rule rule : rules.rules()) {
            if (rule.kind() == Kind.EXPLAIN && rule.pattern().matcher(screened).find()) {
                explained.add(rule.category());
            }
        }
        for (Rule rule : rules.rules()) {
            if (rule.kind() == Kind.IDIOM || rule.kind() == Kind.CUE || rule.kind() == Kind.EXPLAIN) {
                continue;
            }
            Matcher m = rule.pattern().matcher(screened);
            while (m.find()) {
                Veto veto = explained.contains(rule.category()) ? Veto.EXPLAINED
                        : clauses.veto(m.start(), m.end(), rule.carriesNegation());
                Kind kind = rule.kind();
                if (veto == Veto.EXPLAINED && kind == Kind.ALARM
                        && clauses.veto(m.start(), m.end(), rule.carriesNegation()) == Veto.NONE) {
                    // an everyday reason elsewhere ("a wedding", "an appointment") lowers a sign of an
                    // emergency to a safety question, never to nothing: "I decided to end my life after my
                    // daughter's wedding" is not explained by the wedding
                    kind = Kind.WARN;
                    veto = Veto.NONE;
                }
                Hit hit = new Hit(kind, rule.category(), rule.line(), text.substring(m.start(), m.end()), veto);
                hits.add(hit);
                if (veto != Veto.NONE) {
                    int[] taken = veto == Veto.NEGATED ? clauses.clauseAround(m.start())
                            : clauses.sentenceAround(Math.max(m.start(), m.end() - 1));
                    mask(remainder, taken[0], taken[1]);
                } else if (kind == Kind.ALARM) {
                    alarms.add(hit);
                    break;
                } else if (kind == Kind.TOPIC) {
                    topics.add(hit);
                    break;
                } else {
                    warns.add(hit);
                    break;
                }
            }
        }
        clauses.maskNegations(remainder);
        clauses.maskThePast(remainder); // "the swelling went down last week" is no one's emergency, said any way
        String rest = remainder.toString();
        Set<EmergencyCategory> cues = EnumSet.noneOf(EmergencyCategory.class);
        for (Rule rule : rules.rules()) {
            if (rule.kind() == Kind.CUE && rule.pattern().matcher(rest).find()) {
                cues.add(rule.category());
            }
        }
        return new Findings(alarms, warns, topics, cues, words(rest), hits);
    }

    /** Blanks a span with a mark that is neither a word nor a space, so no rule matches across it. */
    static void mask(StringBuilder text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != ' ') {
                text.setCharAt(i, '~');
            }
        }
    }

    /** The words left once masked spans are gone. */
    private static String words(String masked) {
        StringBuilder out = new StringBuilder(masked.length());
        for (String word : masked.split(" ")) {
            if (!word.isEmpty() && word.indexOf('~') < 0) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(word);
            }
        }
        return out.toString();
    }
}
