package com.rxflow.tools.medication;

import java.util.List;

import com.rxflow.events.tools.DrugCandidate;
import com.rxflow.events.tools.DrugLookup;
import com.rxflow.tools.registry.Provenance;

/** drug_lookup over the bundled catalogue: exact names first, then ranked approximate matches. */
public final class CatalogueDrugLookup implements DrugLookupPort {

    private final DrugCatalogue catalogue;

    public CatalogueDrugLookup(DrugCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public DrugLookup lookup(String term, int limit) {
        List<DrugCandidate> candidates = catalogue.resolve(term).filter(match -> match.score() == 1.0)
                .map(match -> List.of(candidate(match)))
                .orElseGet(() -> catalogue.search(term, limit).stream().map(CatalogueDrugLookup::candidate).toList());
        return DrugLookup.newBuilder().setTerm(term).setCandidates(candidates).build();
    }

    static DrugCandidate candidate(DrugCatalogue.Match match) {
        Drug drug = match.drug();
        return DrugCandidate.newBuilder()
                .setRxcui(drug.rxcui())
                .setGenericName(drug.genericName())
                .setBrandNames(drug.brandNames())
                .setStrengths(drug.strengthNames())
                .setForms(drug.forms())
                .setDrugClass(drug.drugClass())
                .setIndications(drug.indications())
                .setMatchedName(match.matchedName())
                .setScore(match.score())
                .build();
    }

    @Override
    public Provenance provenance() {
        return catalogue.provenance();
    }
}
