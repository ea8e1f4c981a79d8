package com.rxflow.processor.understanding.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts right a word typed one slip away (a letter missing, extra, wrong or two swapped) from a
 * word of a closed list: the words the caller's rules are written in. A word of the list, an
 * everyday word it must leave alone, a short word or a number is kept as it is; a word close to
 * two listed words is kept too, since guessing between them would be guessing.
 */
public final class Corrector {

    /** Corrects nothing. */
    public static final Corrector NONE = new Corrector(Set.of(), Set.of());

    /** Words shorter than this are never corrected: too many real words are one letter apart. */
    static final int MIN_LENGTH = 4;
    /** A slip is put right only when the word or its correction has at least this many letters. */
    static final int MIN_PAIR_LENGTH = 5;

    private final Set<String> known;
    private final Set<String> keep;
    private final Map<Character, List<String>> byInitial = new HashMap<>();

    /**
     * @param words the words to correct towards
     * @param keep  everyday words that look like slips of a listed word but are not ("breed", "chess")
     */
    public Corrector(Set<String> words, Set<String> keep) {
        this.known = Set.copyOf(words);
        this.keep = Set.copyOf(keep);
        for (String word : known) {
            if (word.length() >= MIN_PAIR_LENGTH) {
                byInitial.computeIfAbsent(word.charAt(0), c -> new ArrayList<>()).add(word);
            }
        }
    }

    public String correct(String token) {
        if (token.length() < MIN_LENGTH || known.contains(token) || keep.contains(token) || !isWord(token)) {
            return token;
        }
        // the first letter is rarely the one mistyped; searching by it keeps the list short
        List<String> candidates = byInitial.get(token.charAt(0));
        if (candidates == null) {
            return token;
        }
        String found = null;
        for (String word : candidates) {
            // two words of five letters or fewer, one letter apart, are too often both real ("month", "mouth")
            boolean longEnough = Math.max(word.length(), token.length()) > MIN_PAIR_LENGTH
                    || word.length() != token.length();
            if (longEnough && Math.abs(word.length() - token.length()) <= 1 && oneSlip(token, word)) {
                if (found != null) {
                    return token;
                }
                found = word;
            }
        }
        return found == null ? token : found;
    }

    /** Every word the corrector corrects towards. */
    public Set<String> words() {
        return new HashSet<>(known);
    }

    private static boolean isWord(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < 'a' || token.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    /** Optimal string alignment distance of exactly one: one insertion, deletion, substitution or swap. */
    static boolean oneSlip(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (la == lb) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < la; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (diffs == 0) {
                        first = i;
                    }
                    diffs++;
                }
            }
            if (diffs == 1) {
                return true;
            }
            return diffs == 2 && first + 1 < la && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first) && a.substring(first + 2).equals(b.substring(first + 2));
        }
        String longer = la > lb ? a : b;
        String shorter = la > lb ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return longer.substring(i + 1).equals(shorter.substring(i));
    }
}
