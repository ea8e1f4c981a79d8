package com.rxflow.tools.medication;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.Prescription;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolFailure;

/**
 * Finds a patient's prescriptions by the words a patient uses: a drug name (generic or brand,
 * misspelt or not, through the catalogue) or a condition ("blood pressure" finds lisinopril).
 */
public final class Prescriptions {

    private final DrugCatalogue catalogue;

    public Prescriptions(DrugCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The patient's prescriptions of the named drug; empty when the patient does not take it. */
    public List<Prescription> named(Patient patient, String medication) {
        Optional<DrugCatalogue.Match> match = catalogue.resolve(medication);
        String wanted = DrugCatalogue.clean(medication);
        return patient.medications().stream()
                .filter(p -> match.map(m -> m.drug().id().equals(p.drug())).orElse(false)
                        || p.name().toLowerCase(Locale.ROOT).equals(wanted))
                .toList();
    }

    /** The one prescription of the named drug, or NOT_PRESCRIBED naming what the patient does take. */
    public Prescription require(Patient patient, String medication) {
        List<Prescription> found = named(patient, medication);
        if (found.isEmpty()) {
            throw new ToolFailure(FailureCode.NOT_PRESCRIBED, "'" + medication + "' is not among the current medications of "
                    + patient.id() + ": " + patient.medications().stream().map(Prescription::name).toList());
        }
        return found.get(0);
    }

    /**
     * The prescriptions taken for a condition: the prescription's own condition, or the drug's
     * indications and the words patients use for them, contain the phrase (or it contains them).
     */
    public List<Prescription> forCondition(Patient patient, String condition) {
        String phrase = condition.strip().toLowerCase(Locale.ROOT);
        return patient.medications().stream().filter(p -> {
            if (p.condition() != null && related(p.condition(), phrase)) {
                return true;
            }
            Optional<Drug> drug = catalogue.byId(p.drug());
            return drug.isPresent() && (drug.get().conditionTerms().stream().anyMatch(term -> related(term, phrase))
                    || drug.get().indications().stream().anyMatch(term -> related(term, phrase)));
        }).toList();
    }

    private static boolean related(String term, String phrase) {
        String lower = term.toLowerCase(Locale.ROOT);
        return lower.equals(phrase) || lower.contains(phrase) || (lower.length() >= 4 && phrase.contains(lower));
    }
}
