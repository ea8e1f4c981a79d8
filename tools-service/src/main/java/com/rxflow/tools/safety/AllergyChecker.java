package com.rxflow.tools.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.rxflow.events.tools.AllergyConflict;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.medication.DrugCatalogue;

/**
 * Checks a drug against a patient's recorded allergies, which the reference never did. An allergy
 * conflicts with a drug when it names the drug itself (DIRECT), names the drug's class (a
 * penicillin allergy and amoxicillin: CROSS_SENSITIVITY, avoid), or names a class related to it
 * (a penicillin allergy and a cephalosporin: CROSS_SENSITIVITY, caution).
 */
public final class AllergyChecker {

    public static final String DIRECT = "DIRECT";
    public static final String CROSS_SENSITIVITY = "CROSS_SENSITIVITY";

    private final DrugCatalogue catalogue;
    private final List<AllergenGroup> groups;

    public AllergyChecker(DrugCatalogue catalogue, List<AllergenGroup> groups) {
        this.catalogue = catalogue;
        this.groups = List.copyOf(groups);
    }

    public List<AllergyConflict> conflicts(Drug drug, List<String> allergies) {
        List<AllergyConflict> conflicts = new ArrayList<>();
        for (String allergy : allergies) {
            conflict(drug, allergy).ifPresent(conflicts::add);
        }
        return conflicts;
    }

    private Optional<AllergyConflict> conflict(Drug drug, String allergy) {
        Optional<Drug> allergen = catalogue.resolve(allergy).filter(match -> match.score() == 1.0)
                .map(DrugCatalogue.Match::drug);
        if (allergen.isPresent() && allergen.get().id().equals(drug.id())) {
            return Optional.of(conflict(allergy, DIRECT, "AVOID", drug.genericName() + " is the recorded allergen"));
        }
        for (AllergenGroup group : groups) {
            if (!group.namedBy(allergy)) {
                continue;
            }
            if (drug.hasClass(group.drugClass())) {
                return Optional.of(conflict(allergy, CROSS_SENSITIVITY, "AVOID",
                        drug.genericName() + " is one of the " + group.label() + " (" + drug.drugClass().toLowerCase(Locale.ROOT) + ")"));
            }
            for (AllergenGroup.Related related : group.related()) {
                if (drug.hasClass(related.drugClass())) {
                    return Optional.of(conflict(allergy, CROSS_SENSITIVITY, related.severity(),
                            drug.genericName() + " (" + drug.drugClass().toLowerCase(Locale.ROOT) + "): " + related.detail()));
                }
            }
        }
        return Optional.empty();
    }

    private static AllergyConflict conflict(String allergy, String reason, String severity, String detail) {
        return AllergyConflict.newBuilder().setAllergy(allergy).setReason(reason).setSeverity(severity)
                .setDetail(detail).build();
    }
}
