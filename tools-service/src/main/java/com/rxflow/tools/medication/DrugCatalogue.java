package com.rxflow.tools.medication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Provenance;
import com.rxflow.tools.registry.ToolFailure;

/**
 * The drugs the pharmacy knows, found by any of their names: exactly (generic, brand, synonym,
 * catalogue id, ignoring case, a trailing strength and anything in parentheses, so "Omeprazole
 * (20mg capsules)" and "Lipitor 20 mg" work) or approximately, ranked by a similarity score, for
 * the misspellings patients type ("omeprazol", "metforman").
 */
public final class DrugCatalogue {

    /** An approximate match this close, and clearly ahead of the next drug, counts as the drug. */
    static final double CONFIDENT = 0.85;
    private static final double MARGIN = 0.05;
    /** Below this a name is not offered as a candidate at all. */
    static final double CANDIDATE = 0.5;

    private final Provenance provenance;
    private final Map<String, Drug> byId = new LinkedHashMap<>();
    private final Map<String, Drug> byName = new LinkedHashMap<>();

    /** @throws IllegalArgumentException when two drugs share an id or a name */
    public DrugCatalogue(Provenance provenance, Collection<Drug> drugs) {
        this.provenance = provenance;
        for (Drug drug : drugs) {
            if (byId.putIfAbsent(drug.id(), drug) != null) {
                throw new IllegalArgumentException("drug id '" + drug.id() + "' appears twice");
            }
            for (String name : drug.names()) {
                Drug previous = byName.putIfAbsent(key(name), drug);
                if (previous != null && previous != drug) {
                    throw new IllegalArgumentException("the name '" + name + "' belongs to both "
                            + previous.id() + " and " + drug.id());
                }
            }
        }
    }

    /** Which data the catalogue is. */
    public Provenance provenance() {
        return provenance;
    }

    public Optional<Drug> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    public Collection<Drug> all() {
        return byId.values();
    }

    /**
     * The drug and strength an RxNorm code stands for: a clinical drug (SCD) gives both, an
     * ingredient gives the drug only (strength null).
     */
    public Optional<Coded> byRxcui(String rxcui) {
        for (Drug drug : byId.values()) {
            for (DrugStrength strength : drug.strengths()) {
                if (strength.rxcui().equals(rxcui)) {
                    return Optional.of(new Coded(drug, strength.strength()));
                }
            }
        }
        return byId.values().stream().filter(drug -> drug.rxcui().equals(rxcui)).findFirst()
                .map(drug -> new Coded(drug, null));
    }

    /** A drug found by RxNorm code, with its strength when the code names one. */
    public record Coded(Drug drug, String strength) {
    }

    /** The drug a patient's term names, exactly or by a confident approximate match. */
    public Optional<Match> resolve(String term) {
        String cleaned = clean(term);
        Drug exact = byName.get(cleaned);
        if (exact != null) {
            return Optional.of(match(exact, cleaned, 1.0));
        }
        List<Match> candidates = search(term, 2);
        if (candidates.isEmpty() || candidates.get(0).score() < CONFIDENT) {
            return Optional.empty();
        }
        if (candidates.size() > 1 && candidates.get(0).score() - candidates.get(1).score() < MARGIN) {
            return Optional.empty();
        }
        return Optional.of(candidates.get(0));
    }

    /** As {@link #resolve}, for a tool whose answer needs the drug: no drug is a NOT_FOUND failure. */
    public Match require(String term) {
        return resolve(term).orElseThrow(() ->
                new ToolFailure(FailureCode.NOT_FOUND, "no drug named '" + term + "' in the catalogue"));
    }

    /** Every drug with a name close to the term, best first, at most {@code limit}. */
    public List<Match> search(String term, int limit) {
        String cleaned = clean(term);
        List<Match> matches = new ArrayList<>();
        for (Drug drug : byId.values()) {
            Match best = null;
            for (String name : drug.names()) {
                double score = similarity(cleaned, key(name));
                if (best == null || score > best.score()) {
                    best = match(drug, name, score);
                }
            }
            if (best != null && best.score() >= CANDIDATE) {
                matches.add(best);
            }
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(m -> m.drug().id()));
        return matches.subList(0, Math.min(limit, matches.size()));
    }

    private Match match(Drug drug, String matchedName, double score) {
        String brand = drug.brandNames().stream().filter(b -> key(b).equals(key(matchedName))).findFirst().orElse(null);
        return new Match(drug, matchedName, brand, Math.round(score * 1000) / 1000.0);
    }

    /**
     * How close a term is to a name, 0 to 1: the better of edit-distance similarity and a prefix
     * or containment score, so both "omeprazol" and "omepra" find omeprazole.
     */
    static double similarity(String term, String name) {
        if (term.isEmpty()) {
            return 0;
        }
        if (term.equals(name)) {
            return 1;
        }
        int longest = Math.max(term.length(), name.length());
        double edit = 1.0 - (double) levenshtein(term, name) / longest;
        double partial = 0;
        if (term.length() >= 3 && name.startsWith(term)) {
            partial = 0.6 + 0.35 * term.length() / name.length();
        } else if (term.length() >= 4 && (name.contains(term) || term.contains(name))) {
            partial = 0.55 + 0.3 * Math.min(term.length(), name.length()) / longest;
        }
        return Math.max(edit, partial);
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** The drug part of a term: lower case, no parentheses, no trailing strength or form words. */
    static String clean(String term) {
        String lower = term.toLowerCase(Locale.ROOT);
        int parenthesis = lower.indexOf('(');
        if (parenthesis >= 0) {
            lower = lower.substring(0, parenthesis);
        }
        lower = lower.replaceAll("\\b\\d*\\.?\\d+\\s*(mg|mcg|g|ml|units?)\\b.*$", "");
        lower = lower.replaceAll("\\b(tablets?|capsules?|pills?|oral|extended release|er|dr)\\b", " ");
        return lower.replaceAll("\\s+", " ").strip();
    }

    /**
     * A drug a term matched.
     *
     * @param drug        the drug
     * @param matchedName the name the term matched (generic, brand, synonym or id)
     * @param brand       the brand name when the term named a brand, otherwise null
     * @param score       1 for an exact match, lower for an approximate one
     */
    public record Match(Drug drug, String matchedName, String brand, double score) {
    }
}
