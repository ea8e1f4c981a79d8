package com.rxflow.processor.understanding.safety;

import java.util.Set;

import com.rxflow.processor.understanding.text.Normaliser;

/**
 * Prints what the lexical layer makes of a message (its normal form, every rule that matched and
 * whether its clause took it back), for whoever writes rules. Not a test:
 * {@code java -cp ... ScreenProbe "my toddler ate some of my pills"}.
 */
final class ScreenProbe {

    private ScreenProbe() {
    }

    public static void main(String[] args) {
        RedFlagRules rules = RedFlagRules.bundled();
        Normaliser normaliser = new Normaliser(rules.corrector(Set.of()));
        LexicalScreen lexical = new LexicalScreen(rules);
        for (String text : args) {
            var normal = normaliser.normalise(text);
            var found = lexical.scan(normal);
            System.out.println(text + "\n  normal: " + normal.tokens() + "\n  remainder: " + found.remainder()
                    + "\n  cues: " + found.cues());
            found.hits().forEach(h -> System.out.println("  " + h));
        }
    }
}
