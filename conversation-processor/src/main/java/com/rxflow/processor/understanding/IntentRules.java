package com.rxflow.processor.understanding;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.rxflow.processor.understanding.text.RuleFile;

/**
 * The interpreter's keyword rules, read from {@code intents.txt}: for each intent, the words that
 * say it on their own (strong) and those that only point to it (weak). A message that matches a
 * strong rule is understood with confidence; one that matches only weak rules, or none, is left to
 * the semantic layer.
 */
public final class IntentRules {

    static final String RESOURCE = "/com/rxflow/processor/understanding/intents.txt";

    private record Rule(Intent intent, boolean strong, Pattern pattern) {
    }

    /** The intents a message's words say (strong) and point to (weak). */
    public record Match(Set<Intent> strong, Set<Intent> weak) {

        public Match {
            strong = Set.copyOf(strong);
            weak = Set.copyOf(weak);
        }
    }

    private final List<Rule> rules;
    private final Set<String> words;

    private IntentRules(List<Rule> rules, Set<String> words) {
        this.rules = List.copyOf(rules);
        this.words = Set.copyOf(words);
    }

    public static IntentRules bundled() {
        RuleFile file = RuleFile.resource(RESOURCE);
        List<Rule> rules = new ArrayList<>();
        for (RuleFile.Rule rule : file.rules()) {
            boolean strong = rule.kind().equals("strong");
            if (!strong && !rule.kind().equals("weak") || rule.label() == null) {
                throw new IllegalArgumentException(file.name() + " line " + rule.line()
                        + ": a rule is 'strong INTENT: regex' or 'weak INTENT: regex'");
            }
            try {
                rules.add(new Rule(Intent.valueOf(rule.label()), strong, rule.pattern()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file.name() + " line " + rule.line() + ": unknown intent "
                        + rule.label(), e);
            }
        }
        return new IntentRules(rules, file.literalWords());
    }

    public Match match(String normalText) {
        Set<Intent> strong = EnumSet.noneOf(Intent.class);
        Set<Intent> weak = EnumSet.noneOf(Intent.class);
        for (Rule rule : rules) {
            Set<Intent> into = rule.strong() ? strong : weak;
            if (!into.contains(rule.intent()) && rule.pattern().matcher(normalText).find()) {
                into.add(rule.intent());
            }
        }
        weak.removeAll(strong);
        return new Match(strong, weak);
    }

    /** The words the rules are written with, which the normaliser corrects slips towards. */
    public Set<String> words() {
        return words;
    }
}
