package com.rxflow.processor.understanding.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A message in normal form: its words ({@link #text()}, single spaces, no clause marks) and its
 * tokens with the clause marks ({@link #tokens()}), for rules that must stay inside a clause.
 *
 * @param text   the words joined by single spaces
 * @param tokens the words and {@link Normaliser#CLAUSE} marks, in order
 */
public record NormalisedText(String text, List<String> tokens) {

    public NormalisedText {
        tokens = List.copyOf(tokens);
    }

    static NormalisedText of(List<String> tokens) {
        StringBuilder text = new StringBuilder();
        for (String token : tokens) {
            if (Normaliser.isMark(token)) {
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(token);
        }
        return new NormalisedText(text.toString(), tokens);
    }

    /** The words only, without clause marks. */
    public List<String> words() {
        List<String> words = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            if (!Normaliser.isMark(token)) {
                words.add(token);
            }
        }
        return words;
    }


    public boolean isEmpty() {
        return text.isEmpty();
    }
}
