package com.rxflow.processor.understanding.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rxflow.processor.understanding.safety.LexicalScreen.Veto;
import com.rxflow.processor.understanding.text.NormalisedText;
import com.rxflow.processor.understanding.text.Normaliser;

/**
 * A message's words with their offsets, clauses and sentences, to tell whether a negation or the past
 * reaches a sign of {@link LexicalScreen}: "no chest pain" negates its clause, "last year" takes back its
 * sentence unless it also says now, "started it two weeks ago" dates the cause and not the sign.
 */
final class Clauses {

    /** Words that keep a following negation from negating ("not sure", "no idea", "dont know"). */
    private static final Set<String> HEDGES = Set.of("sure", "idea", "know", "certain", "matter", "one", "even",
            "only", "clue", "telling", "se");
    /**
     * Words after a negation that show it negates the relief, not the sign ("the spray has not helped
     * the chest pain", "the bleeding hasnt stopped").
     */
    private static final Set<String> RELIEF = Set.of("help", "helped", "helping", "helps", "work", "worked", "working",
            "works", "stop", "stopped", "stopping", "stops", "gone", "going", "improve", "improved", "improving", "better",
            "ease", "eased", "easing", "relieve", "relieved", "budge", "budged", "touching", "respond", "responding",
            "waking", "wake", "answering", "answer", "breathing", "moving", "funciona", "ayuda", "para", "sirve", "mejora");
    /**
     * When a medicine was started, not when the sign was: "started lamotrigine two weeks ago" dates the
     * cause, and the blisters are now ("on it for years", "desde hace años" likewise); so does
     * stopping one ("stopped taking my pills weeks ago so i could save them up").
     */
    private static final Pattern ONSET = Pattern.compile("(?<![a-z0-9])(started|starting|start|began|begun|begin|switched"
            + "|stopped|quit|came off|went off"
            + "|changed|increased|upped|raised|doubled|lowered|prescribed|put (me|him|her|them) on|on (it|them|this)"
            + "|taking (it|them)|been on|been taking|since|initiation of|following|dose (went up|was raised|was changed|went down)|desde|empece|empezo|toma|tomo|lleva)( \\w+){0,6} (last (week|month|year"
            + "|night|wk)|(\\d+|a|one|two|three|four|five|six|few|a few|couple|a couple|several) (days|weeks|months|years"
            + "|wks|yrs) ago|(weeks|months|years) ago|hace (\\w+ )?(anos|meses|semanas|dias)|el (mes|ano) pasado|in (19|20)\\d\\d)"
            + "(?![a-z0-9])");
    /**
     * How someone is doing now. Not a sign of the past by itself ("I took the whole bottle but I feel
     * fine" is still an emergency), but its "now" does not make a past event present either ("I had
     * a stroke in 2021 and I'm doing well now").
     */
    private static final Pattern CALM = Pattern.compile("(?<![a-z0-9])(doing|is|am|are|was|feel|feeling|totally"
            + "|perfectly|been|seems?) (well|fine|good|great|ok|okay|better|normal|clean)( now| since)?(?![a-z0-9])");
    /** Words after a negation that make it a sign, not its absence ("not making sense", "not acting right"). */
    private static final Set<String> SIGNS_OF_ABSENCE = Set.of("making", "acting", "talking", "eating", "right",
            "normal", "able", "moving", "reacting", "opening", "getting", "waking", "sure");
    /** Words that put a sign in the present whatever else its clause says ("last week ... and now"). */
    private static final Pattern PRESENT = Pattern.compile("(?<![a-z0-9])(right now|just now|(and|but|is|are|its|it is)"
            + " now|now (he|she|i|they|its|it|my|his|her|their|theres|there|we)|just (had|took|started|fell|passed|collapsed"
            + "|happened|now|got|noticed)|today|tonight|this (morning|afternoon|evening)|currently|again|keeps? (on|getting"
            + "|saying|talking about|telling|texting|posting|asking|thinking|taking|holding|looking|planning|wanting)"
            // what someone means to do is not over, whatever the sentence says of the past ("my wife passed in
            // march and i have decided i am going to be with her", "last year i tried, this time i will take all")
            + "|lately|these days|this time(?! of (the )?year)|(this|next) (christmas|thanksgiving|birthday|anniversary)"
            + "|(i will|ill|i am going to|i am gonna|going to|gonna) (take|do it|end|join|be with|go with|follow)"
            + "|(have|has|already|i) decided|(dont|do not|not) plan(ning)? on|will be my turn"
            + "|ahora|hoy|otra vez|ya decidi|me voy con|este fin de semana)(?![a-z0-9])");
    /** A verb in the present: a clause that has one tells of now, whatever another clause says of the past. */
    private static final Pattern PRESENT_TENSE = Pattern.compile("(?<![a-z0-9])(is|are|am|he is|she is|they are"
            + "|keeps?|cant|cannot|wont|still|right now|esta|estan|tiene|no puede)(?![a-z0-9])");
    /** How many words before a sign a negation reaches. */
    private static final int NEGATION_REACH = 4;
    /**
     * When it happened, if long enough ago: the sign is over, unless the sentence also speaks of now.
     * "Last week" is the past; "my last week" is the final one ("this is her last week, she meant life").
     */
    private static final Pattern OVER = Pattern.compile("(?<![a-z0-9])((?<!(?:my|his|her|their|your|our) )last (week|month"
            + "|year|summer|winter|spring|fall"
            + "|autumn|christmas|thanksgiving)|(\\d+|a|one|two|three|four|five|few|a few|couple|a couple|several|many) "
            + "(weeks|months|years|yrs) (ago|back)|a (week|month|year) ago|(weeks|months|years|ages) ago|a (long )?while"
            + " (ago|back)|back in (the )?(spring|summer|fall|winter|autumn|\\d{4}|january|february|march|april|june|july"
            + "|august|september|october|november|december)|in (january|february|march|april|june|july|august|september"
            + "|october|november|december)|in (19|20)\\d\\d|when (i|he|she|they) (was|were) (a kid|young|little|younger"
            + "|a child|a teenager|pregnant|a baby|an infant|\\d+)|as a (kid|child|teen|teenager|baby)|used to"
            + "|hace (\\w+ )?(anos|meses|semanas)|el ano pasado|el mes pasado)(?![a-z0-9])");
    /** That it is over: the sign is taken back unless it came back. */
    private static final Pattern RESOLVED = Pattern.compile("(?<![a-z0-9])((swelling|rash|hives|it|pain|bleeding|bleed"
            + "|nosebleed|nosebleeds|that|this)( \\w+){0,4} (went|has gone|is gone|have gone|are gone) (down|away)|(gone|resolved) now"
            + "|cleared up|has resolved|is resolved|(is|was|been) fine (ever )?since|turned out (to be|it was)|(er"
            + "|emergency room|doctor|dentist|cardiologist|they|hospital) (cleared|checked|said it was|drained|ruled)"
            + "|(was|is) from (a|the|my|his|her) (tooth|dental|sinus|infection|abscess|cold|bite|sunburn|allergy|shoes"
            + "|boots)|stopped (on its own|by itself|after|once|when)|it stopped|went away)(?![a-z0-9])");
    /** That it is back: whatever went away before is happening again. */
    private static final Pattern RECURRING = Pattern.compile("(?<![a-z0-9])(again|came back|come back|coming back"
            + "|is back|its back|back again|returned|still|keeps?|worse|another|having another)(?![a-z0-9])");

    private final String text;
    private final List<String> words = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private final List<Integer> clauseOf = new ArrayList<>();
    private final List<Integer> clauseStarts = new ArrayList<>();
    private final List<Integer> sentenceOf = new ArrayList<>();
    private final List<Integer> sentenceStarts = new ArrayList<>();

    Clauses(NormalisedText message) {
        this.text = message.text();
        int offset = 0;
        int clause = -1;
        int sentence = -1;
        boolean newClause = true;
        boolean newSentence = true;
        for (String token : message.tokens()) {
            if (Normaliser.isMark(token)) {
                newClause = true;
                newSentence |= token.equals(Normaliser.SENTENCE);
                continue;
            }
            if (newClause) {
                clause++;
                clauseStarts.add(offset);
                newClause = false;
            }
            if (newSentence) {
                sentence++;
                sentenceStarts.add(offset);
                newSentence = false;
            }
            words.add(token);
            starts.add(offset);
            clauseOf.add(clause);
            sentenceOf.add(sentence);
            offset += token.length() + 1;
        }
    }

    /** A relief word, also typed without its g ("the inhaler is not workin"). */
    private static boolean relief(String word) {
        return RELIEF.contains(word) || word.endsWith("in") && RELIEF.contains(word + "g");
    }

    Veto veto(int start, int end, boolean carriesNegation) {
        int first = wordAt(start);
        if (first < 0) {
            return Veto.NONE;
        }
        int clause = clauseOf.get(first);
        int last = wordAt(Math.max(start, end - 1));
        for (int i = Math.max(0, first - NEGATION_REACH); i <= (carriesNegation ? first - 1 : last); i++) {
            // before the sign a negation must share its clause; inside it ("rash, no blisters") it counts anyway
            if (i < first && clauseOf.get(i) != clause || !RedFlagRules.NEGATORS.contains(words.get(i))) {
                continue;
            }
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            if (!HEDGES.contains(next) && !relief(next)) {
                return Veto.NEGATED;
            }
        }
        // the past reaches a whole sentence ("I passed out once, years ago"); the sign is where the match ends
        int[] at = sentenceAround(Math.max(start, end - 1));
        return over(at[0], at[1]) && !(toldInThePresent(clauseAround(start))
                && toldInThePresent(clauseAround(Math.max(start, end - 1)))) ? Veto.OVER : Veto.NONE;
    }

    /**
     * Blanks each negation and the two words it negates ("no swelling", "not confused"), for the
     * semantic layer, whose sentence embeddings cannot see a "no". A negation of a sign ("not
     * breathing", "isnt answering") is left, and so are hedges ("not sure").
     */
    void maskNegations(StringBuilder remainder) {
        for (int i = 0; i < words.size(); i++) {
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            if (!RedFlagRules.NEGATORS.contains(words.get(i)) || HEDGES.contains(next) || relief(next)
                    || SIGNS_OF_ABSENCE.contains(next)) {
                continue;
            }
            int last = i;
            while (last < i + 2 && last + 1 < words.size() && clauseOf.get(last + 1).equals(clauseOf.get(i))) {
                last++;
            }
            LexicalScreen.mask(remainder, starts.get(i), starts.get(last) + words.get(last).length());
        }
    }

    /** Blanks each sentence that speaks only of the past or of something over. */
    void maskThePast(StringBuilder remainder) {
        for (int i = 0; i < sentenceStarts.size(); i++) {
            int from = sentenceStarts.get(i);
            int to = i + 1 < sentenceStarts.size() ? sentenceStarts.get(i + 1) - 1 : text.length();
            if (over(from, Math.max(from, to))) {
                LexicalScreen.mask(remainder, from, Math.max(from, to));
            }
        }
    }

    /**
     * Whether a clause tells of now although its sentence speaks of the past: it has a verb in the
     * present and no past of its own ("had chest pain last year, it is fine" stays over; "his arm is
     * weak, he had a tia years ago" does not).
     */
    private boolean toldInThePresent(int[] clause) {
        return PRESENT_TENSE.matcher(text).region(clause[0], clause[1]).find()
                && !OVER.matcher(text).region(clause[0], clause[1]).find()
                && !RESOLVED.matcher(text).region(clause[0], clause[1]).find();
    }

    /** Whether a sentence speaks of the past ("last year", "went away") and not also of now ("and now"). */
    private boolean over(int from, int to) {
        if (RESOLVED.matcher(text).region(from, to).find() && !RECURRING.matcher(text).region(from, to).find()) {
            return true;
        }
        Matcher over = OVER.matcher(text).region(from, to);
        if (!over.find()) {
            return false;
        }
        List<int[]> onsets = new ArrayList<>();
        Matcher onset = ONSET.matcher(text).region(from, to);
        while (onset.find()) {
            onsets.add(new int[] {onset.start(), onset.end()});
        }
        List<int[]> spans = new ArrayList<>();
        do {
            int at = over.start();
            if (onsets.stream().noneMatch(span -> at >= span[0] && at < span[1])) {
                spans.add(new int[] {over.start(), over.end()});
            }
        } while (over.find());
        if (spans.isEmpty()) {
            return false;
        }
        Matcher calm = CALM.matcher(text).region(from, to);
        while (calm.find()) {
            spans.add(new int[] {calm.start(), calm.end()});
        }
        Matcher present = PRESENT.matcher(text).region(from, to);
        while (present.find()) {
            int at = present.start();
            if (spans.stream().noneMatch(span -> at >= span[0] && at < span[1]) && !denied(at)) {
                return false;
            }
        }
        return true;
    }

    /** "never get it again", "so now I'm careful": a now that is denied or a consequence is not a sign's now. */
    private boolean denied(int offset) {
        int word = wordAt(offset);
        for (int i = Math.max(0, word - 3); i < word; i++) {
            if (RedFlagRules.NEGATORS.contains(words.get(i)) || (i == word - 1 && words.get(i).equals("so"))) {
                return true;
            }
        }
        return false;
    }

    /** The start and end offsets of the clause around {@code offset}. */
    int[] clauseAround(int offset) {
        return around(offset, clauseOf, clauseStarts);
    }

    /** The start and end offsets of the sentence around {@code offset}. */
    int[] sentenceAround(int offset) {
        return around(offset, sentenceOf, sentenceStarts);
    }

    private int[] around(int offset, List<Integer> of, List<Integer> startsOf) {
        if (startsOf.isEmpty()) {
            return new int[] {0, text.length()};
        }
        int word = wordAt(offset);
        int index = word < 0 ? 0 : of.get(word);
        int from = startsOf.get(index);
        int to = index + 1 < startsOf.size() ? startsOf.get(index + 1) - 1 : text.length();
        return new int[] {from, Math.max(from, to)};
    }

    private int wordAt(int offset) {
        int found = -1;
        for (int i = 0; i < starts.size() && starts.get(i) <= offset; i++) {
            found = i;
        }
        return found;
    }
}
