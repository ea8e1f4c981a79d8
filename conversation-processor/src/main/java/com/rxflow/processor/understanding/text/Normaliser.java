package com.rxflow.processor.understanding.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a message as a patient types it into the one form every layer of understanding reads:
 * lower case, accents and apostrophes gone ("don't" and "dont" both become {@code dont}), runs of
 * a letter cut to two ("helppp" becomes {@code helpp}), the abbreviations of phone typing spelled
 * out ("u", "pls", "rn", "od"), and words one slip away from a word the caller cares about put
 * right ("siezure", "bleading"). Clause boundaries (full stops, commas, "but") are kept as
 * {@link #CLAUSE} tokens, because a negation or a "last year" only reaches as far as its clause.
 *
 * <p>Pure and allocation-light: one pass over the characters, then one over the words.
 */
public final class Normaliser {

    /** Marks the end of a clause in {@link NormalisedText#tokens()}; never part of {@link NormalisedText#text()}. */
    public static final String CLAUSE = "|";
    /** Marks the end of a sentence (also the end of a clause). */
    public static final String SENTENCE = "||";

    /** Phone typing spelled out; the right-hand side may be several words. */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("u", "you"), Map.entry("ur", "your"), Map.entry("pls", "please"), Map.entry("plz", "please"),
            Map.entry("rn", "right now"), Map.entry("bc", "because"), Map.entry("cuz", "because"),
            Map.entry("coz", "because"), Map.entry("idk", "i dont know"), Map.entry("w", "with"),
            Map.entry("w/", "with"), Map.entry("w/o", "without"), Map.entry("y/o", "year old"),
            Map.entry("b4", "before"), Map.entry("2nite", "tonight"), Map.entry("tonite", "tonight"),
            Map.entry("nite", "night"), Map.entry("tmrw", "tomorrow"), Map.entry("gonna", "going to"),
            Map.entry("wanna", "want to"), Map.entry("gotta", "got to"), Map.entry("thru", "through"),
            Map.entry("abt", "about"), Map.entry("bout", "about"), Map.entry("hubby", "husband"),
            Map.entry("ppl", "people"), Map.entry("smth", "something"), Map.entry("sth", "something"),
            Map.entry("r", "are"), Map.entry("n", "and"), Map.entry("yr", "year"), Map.entry("yrs", "years"),
            Map.entry("od", "overdose"), Map.entry("odd", "overdosed"), Map.entry("oded", "overdosed"),
            Map.entry("ods", "overdose"), Map.entry("im", "i am"), Map.entry("ive", "i have"),
            Map.entry("hes", "he is"), Map.entry("shes", "she is"), Map.entry("thats", "that is"),
            Map.entry("whats", "what is"), Map.entry("theres", "there is"), Map.entry("xanny", "xanax"),
            Map.entry("xannies", "xanax"), Map.entry("bp", "blood pressure"), Map.entry("gf", "girlfriend"),
            Map.entry("bf", "boyfriend"), Map.entry("sob", "short of breath"), Map.entry("asap", "right away"),
            Map.entry("er", "emergency room"), Map.entry("pic", "picture"), Map.entry("k", "okay"),
            Map.entry("ok", "okay"), Map.entry("thx", "thanks"), Map.entry("ty", "thank you"),
            Map.entry("tho", "though"), Map.entry("def", "definitely"), Map.entry("kinda", "kind of"),
            Map.entry("sorta", "sort of"), Map.entry("lemme", "let me"), Map.entry("gimme", "give me"),
            Map.entry("dunno", "dont know"), Map.entry("cud", "could"), Map.entry("wud", "would"),
            Map.entry("shud", "should"), Map.entry("becuz", "because"), Map.entry("bcuz", "because"),
            Map.entry("rx", "prescription"), Map.entry("tounge", "tongue"), Map.entry("tung", "tongue"), Map.entry("throut", "throat"),
            Map.entry("brething", "breathing"), Map.entry("breething", "breathing"), Map.entry("sezure", "seizure"),
            Map.entry("seisure", "seizure"), Map.entry("siezure", "seizure"), Map.entry("unconcious", "unconscious"),
            Map.entry("alergic", "allergic"), Map.entry("swolen", "swollen"), Map.entry("bleading", "bleeding"),
            Map.entry("cnt", "cant"), Map.entry("wk", "week"), Map.entry("wks", "weeks"),
            Map.entry("hrs", "hours"), Map.entry("hr", "hour"), Map.entry("mins", "minutes"), Map.entry("min", "minutes"), Map.entry("cnat", "cant"),
            Map.entry("dnt", "dont"), Map.entry("wnt", "wont"), Map.entry("pplz", "please"), Map.entry("rxs", "prescriptions"), Map.entry("info", "information"),
            // Spanish as typed on a phone ("kiero desaparecer", "q no despierte", "xq ya no puedo")
            Map.entry("kiero", "quiero"), Map.entry("kieres", "quieres"), Map.entry("kiere", "quiere"),
            Map.entry("q", "que"), Map.entry("ke", "que"), Map.entry("xq", "porque"), Map.entry("pq", "porque"),
            Map.entry("porq", "porque"), Map.entry("tmb", "tambien"), Map.entry("tonights", "tonight is"));

    private final Corrector corrector;

    /**
     * @param corrector puts right the words one slip away from words the caller's rules use; {@link
     *                  Corrector#NONE} for none
     */
    public Normaliser(Corrector corrector) {
        this.corrector = corrector;
    }

    /** Text normalised without spelling correction. */
    public static NormalisedText plain(String text) {
        return new Normaliser(Corrector.NONE).normalise(text);
    }

    public NormalisedText normalise(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String folded = fold(text == null ? "" : text);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                int n = word.length();
                // a letter typed three times or more ("sooo", "helppp") counts twice
                if (!(n >= 2 && word.charAt(n - 1) == c && word.charAt(n - 2) == c && c > '9')) {
                    word.append(c);
                }
            } else if (c == '\'' || c == '\u2019' || c == '`') {
                continue; // "don't" and "dont" read alike
            } else if (c == '/' && word.length() == 1 && (word.charAt(0) == 'w' || word.charAt(0) == 'y')) {
                word.append(c); // "w/", "w/o" and "y/o"
            } else {
                flush(word, tokens);
                if (c == '.' || c == ';' || c == '!' || c == '?' || c == '\n') {
                    addMark(tokens, SENTENCE);
                } else if (c == ',' || c == ':' || c == '(' || c == ')') {
                    addMark(tokens, CLAUSE);
                }
            }
        }
        flush(word, tokens);
        List<String> out = new ArrayList<>(tokens.size() + 4);
        for (String token : tokens) {
            if (isMark(token)) {
                addMark(out, token);
                continue;
            }
            String expanded = ABBREVIATIONS.get(token);
            if (expanded == null) {
                out.add(corrector.correct(token));
                continue;
            }
            for (String part : expanded.split(" ")) {
                out.add(part);
            }
        }
        while (!out.isEmpty() && isMark(out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
        }
        return NormalisedText.of(out);
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            String token = word.toString();
            if (token.equals("but") || token.equals("pero")) {
                addMark(tokens, SENTENCE); // "no chest pain but my arm is numb": the negation ends at "but"
            }
            tokens.add(token);
            word.setLength(0);
        }
    }

    /** Whether a token is a clause or sentence mark. */
    public static boolean isMark(String token) {
        return token.equals(CLAUSE) || token.equals(SENTENCE);
    }

    /** Adds a mark; a sentence mark wins over a clause mark at the same place. */
    private static void addMark(List<String> tokens, String mark) {
        if (tokens.isEmpty()) {
            return;
        }
        String last = tokens.get(tokens.size() - 1);
        if (!isMark(last)) {
            tokens.add(mark);
        } else if (mark.equals(SENTENCE)) {
            tokens.set(tokens.size() - 1, SENTENCE);
        }
    }

    /** Lower case without accents ("está" becomes "esta", "niño" becomes "nino"). */
    static String fold(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        boolean plain = true;
        for (int i = 0; i < lower.length() && plain; i++) {
            plain = lower.charAt(i) < 128;
        }
        if (plain) {
            return lower;
        }
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
