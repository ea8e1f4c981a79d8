package com.rxflow.processor.understanding;

/**
 * Jaro-Winkler similarity: close to 1 for words that share most letters in order, with a bonus for a
 * shared beginning, which suits misspelt drug names ("metforman", "omeprazol"). Allocation-free.
 */
final class Similarity {

    private Similarity() {
    }

    static double jaroWinkler(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) {
            return 0.0;
        }
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        long matchedA = 0;
        long matchedB = 0;
        int matches = 0;
        // words longer than 64 letters are not drug names; compare their first 64 only
        int na = Math.min(la, 64);
        int nb = Math.min(lb, 64);
        for (int i = 0; i < na; i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(nb - 1, i + window);
            for (int j = from; j <= to; j++) {
                if ((matchedB & (1L << j)) == 0 && a.charAt(i) == b.charAt(j)) {
                    matchedA |= 1L << i;
                    matchedB |= 1L << j;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int transpositions = 0;
        int j = 0;
        for (int i = 0; i < na; i++) {
            if ((matchedA & (1L << i)) != 0) {
                while ((matchedB & (1L << j)) == 0) {
                    j++;
                }
                if (a.charAt(i) != b.charAt(j)) {
                    transpositions++;
                }
                j++;
            }
        }
        double m = matches;
        double jaro = (m / na + m / nb + (m - transpositions / 2.0) / m) / 3.0;
        int prefix = 0;
        for (int i = 0; i < Math.min(4, Math.min(na, nb)) && a.charAt(i) == b.charAt(i); i++) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1.0 - jaro);
    }
}
