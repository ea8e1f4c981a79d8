package com.rxflow.processor.understanding.safety;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.rxflow.processor.understanding.text.Corrector;
import com.rxflow.processor.understanding.text.RuleFile;

/**
 * The lexical rules of the safety screen, read from {@code red-flags.txt}: a file pharmacists can
 * review line by line (one rule a line, its category, its kind and its words), not code. The file
 * also lists the words patients misspell, towards which the normaliser corrects, and the everyday
 * words it must leave alone.
 */
public final class RedFlagRules {

    static final String RESOURCE = "/com/rxflow/processor/understanding/safety/red-flags.txt";

    /** What a rule's match means. */
    public enum Kind {
        /** A sign of an emergency. */
        ALARM,
        /** May be an emergency: never less than a safety question. */
        WARN,
        /** Words emergencies are written with: the semantic layer decides. */
        CUE,
        /**
         * Words that name an emergency without saying one is happening ("overdose", "poison control",
         * "a seizure", "fainted"): the semantic layer decides, from a lower line than for cue words.
         */
        TOPIC,
        /** A harmless turn of phrase, taken out before the others are matched. */
        IDIOM,
        /** An everyday reason in the message that takes back the signs of its category. */
        EXPLAIN
    }

    /**
     * One rule.
     *
     * @param kind             what its match means
     * @param category         the emergency it points to; null for an idiom
     * @param pattern          the compiled pattern, wrapped in word boundaries
     * @param carriesNegation  whether its own words include a negation ("not breathing", "dont want to
     *                         live"), so only words before the match can negate it
     * @param line             its line in the file, for the evidence and for reviewers
     */
    public record Rule(Kind kind, EmergencyCategory category, Pattern pattern, boolean carriesNegation, int line) {
    }

    /** Words that negate what follows them in their clause. */
    static final Set<String> NEGATORS = Set.of("no", "not", "never", "without", "dont", "doesnt", "didnt", "isnt",
            "arent", "wasnt", "werent", "havent", "hasnt", "hadnt", "nor", "neither", "denies", "denied", "nunca",
            "sin", "ni", "nope", "nothing", "nobody", "noone", "none");

    private final List<Rule> rules;
    private final Set<String> words;
    private final Set<String> keep;

    private RedFlagRules(List<Rule> rules, Set<String> words, Set<String> keep) {
        this.rules = List.copyOf(rules);
        this.words = Set.copyOf(words);
        this.keep = Set.copyOf(keep);
    }

    public static RedFlagRules bundled() {
        return of(RuleFile.resource(RESOURCE));
    }

    /** The rules of a parsed rule file; a kind or category it does not know fails with the line's number. */
    public static RedFlagRules of(RuleFile file) {
        List<Rule> rules = new ArrayList<>();
        for (RuleFile.Rule rule : file.rules()) {
            Kind kind = kind(file, rule);
            EmergencyCategory category = kind == Kind.IDIOM ? null : category(file, rule);
            rules.add(new Rule(kind, category, rule.pattern(), negates(rule.source()), rule.line()));
        }
        Set<String> keep = new LinkedHashSet<>(file.list("keep"));
        keep.addAll(file.literalWords()); // the rules' own words are real words: "peeing" is not a slip of "peeling"
        keep.removeAll(file.list("words"));
        return new RedFlagRules(rules, file.list("words"), keep);
    }

    private static Kind kind(RuleFile file, RuleFile.Rule rule) {
        Kind kind;
        try {
            kind = Kind.valueOf(rule.kind().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.name() + " line " + rule.line() + ": unknown kind " + rule.kind(), e);
        }
        if ((kind == Kind.IDIOM) != (rule.label() == null)) {
            throw new IllegalArgumentException(file.name() + " line " + rule.line()
                    + ": an idiom has no category, every other rule has one");
        }
        return kind;
    }

    private static EmergencyCategory category(RuleFile file, RuleFile.Rule rule) {
        try {
            return EmergencyCategory.valueOf(rule.label());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.name() + " line " + rule.line() + ": unknown category "
                    + rule.label(), e);
        }
    }

    private static boolean negates(String source) {
        for (String word : source.split("[^a-z]+")) {
            if (NEGATORS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** A corrector towards the words patients misspell in emergencies, leaving the everyday look-alikes alone. */
    public Corrector corrector(Set<String> moreWords) {
        Set<String> all = new LinkedHashSet<>(words);
        all.addAll(moreWords);
        return new Corrector(all, keep);
    }
}
