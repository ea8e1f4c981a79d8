package com.rxflow.tools.adapters.rxnav;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rxflow.events.tools.DrugCandidate;
import com.rxflow.events.tools.DrugLookup;
import com.rxflow.tools.medication.DrugLookupPort;
import com.rxflow.tools.medication.Strengths;
import com.rxflow.tools.registry.Provenance;

/**
 * drug_lookup answered by RxNorm itself through RxNav: RxNav's approximate matching ranks the
 * candidates; each candidate's ingredient, brand names, strengths and forms come from its related
 * concepts. Candidates that resolve to the same ingredient are merged (the best one is kept).
 *
 * <p>Scores: RxNav's scores are relative, not probabilities, so each is divided by the best
 * one's; only a candidate whose name is the term itself scores 1, others at most 0.95.
 */
public final class RxNavDrugLookup implements DrugLookupPort {

    private static final Pattern STRENGTH_AND_FORM = Pattern.compile(
            "(\\d[\\d.]*\\s*(?:MG|MCG|G|ML|UNT|MEQ)(?:/(?:ML|ACTUAT|HR))?)\\s+(.*)$", Pattern.CASE_INSENSITIVE);

    private final RxNavClient client;

    public RxNavDrugLookup(RxNavClient client) {
        this.client = client;
    }

    @Override
    public DrugLookup lookup(String term, int limit) {
        List<RxNavClient.Candidate> candidates = new ArrayList<>(client.approximateTerm(term, limit * 4));
        candidates.sort(Comparator.comparingInt(RxNavClient.Candidate::rank));
        double best = candidates.stream().mapToDouble(RxNavClient.Candidate::score).max().orElse(1);
        Map<String, DrugCandidate> byIngredient = new LinkedHashMap<>();
        for (RxNavClient.Candidate candidate : candidates) {
            if (byIngredient.size() >= limit) {
                break;
            }
            List<RxNavClient.Concept> related = client.related(candidate.rxcui());
            Optional<RxNavClient.Concept> ingredient = related.stream().filter(c -> c.tty().equals("IN")).findFirst();
            String key = ingredient.map(RxNavClient.Concept::rxcui).orElse(candidate.rxcui());
            if (byIngredient.containsKey(key)) {
                continue;
            }
            byIngredient.put(key, candidate(term, candidate, best, ingredient, related));
        }
        return DrugLookup.newBuilder().setTerm(term).setCandidates(List.copyOf(byIngredient.values())).build();
    }

    private static DrugCandidate candidate(String term, RxNavClient.Candidate candidate, double best,
            Optional<RxNavClient.Concept> ingredient, List<RxNavClient.Concept> related) {
        LinkedHashSet<String> strengths = new LinkedHashSet<>();
        LinkedHashSet<String> forms = new LinkedHashSet<>();
        for (RxNavClient.Concept concept : related) {
            if (concept.tty().equals("SCD")) {
                Matcher matcher = STRENGTH_AND_FORM.matcher(concept.name());
                if (matcher.find()) {
                    strengths.add(Strengths.normalize(matcher.group(1).replace("UNT", "unit")));
                    forms.add(matcher.group(2).toLowerCase(Locale.ROOT));
                }
            }
        }
        String matched = candidate.name().isBlank() ? ingredient.map(RxNavClient.Concept::name).orElse(term) : candidate.name();
        double relative = best > 0 ? candidate.score() / best : 0;
        double score = matched.equalsIgnoreCase(term.strip()) ? 1.0 : Math.min(0.95, relative * 0.95);
        return DrugCandidate.newBuilder()
                .setRxcui(ingredient.map(RxNavClient.Concept::rxcui).orElse(candidate.rxcui()))
                .setGenericName(ingredient.map(RxNavClient.Concept::name).orElse(matched).toLowerCase(Locale.ROOT))
                .setBrandNames(related.stream().filter(c -> c.tty().equals("BN")).map(RxNavClient.Concept::name).toList())
                .setStrengths(List.copyOf(strengths))
                .setForms(List.copyOf(forms))
                .setDrugClass(null)
                .setIndications(List.of())
                .setMatchedName(matched)
                .setScore(Math.round(score * 1000) / 1000.0)
                .build();
    }

    @Override
    public Provenance provenance() {
        return new Provenance("rxnav:" + client.baseUrl(), "live");
    }
}
