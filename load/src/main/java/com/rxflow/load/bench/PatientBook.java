package com.rxflow.load.bench;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.springframework.core.io.ClassPathResource;

import com.rxflow.tools.data.BundledDataSet;
import com.rxflow.tools.data.DataFile;
import com.rxflow.tools.data.SyntheticPatients;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.Prescription;

import tools.jackson.databind.json.JsonMapper;

/**
 * The synthetic patients the load runs as: the same ones tools-service serves with
 * {@code rxflow.tools.data.synthetic-patients=N} (same count, same seed), so the driver knows,
 * for each patient, a prescription a refill can end in an order for.
 */
public final class PatientBook {

    /** Drugs whose refills stop at a gate whatever the patient: prior authorization (apixaban), NSAID interactions. */
    private static final Set<String> GATED = Set.of("apixaban", "meloxicam");
    /** A drug every patient may be asked about first, as in the scripted refill. */
    private static final String PREFERRED = "omeprazole";
    private static final long SEED = 42;

    /** A patient the load runs as, and the medication its refills ask for (empty: none would end in an order). */
    public record SimulatedPatient(String id, Optional<String> refill) {
    }

    private final List<SimulatedPatient> patients;

    private PatientBook(List<SimulatedPatient> patients) {
        this.patients = List.copyOf(patients);
    }

    public static PatientBook synthetic(int count) {
        BundledDataSet data;
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            data = BundledDataSet.load(new DataFile(JsonMapper.builder().build(), validation.getValidator()),
                    new ClassPathResource("data/"));
        }
        LocalDate today = LocalDate.now(ZoneId.of("America/Chicago"));
        List<SimulatedPatient> patients = new ArrayList<>(count);
        for (Patient patient : SyntheticPatients.generate(count, SEED, data.catalogue(), data.plans())) {
            patients.add(new SimulatedPatient(patient.id(), refillable(patient, today)));
        }
        return new PatientBook(patients);
    }

    /** A prescription the refill gates let through: refills left, not early, not expired, no review, no allergy. */
    private static Optional<String> refillable(Patient patient, LocalDate today) {
        if (!patient.allergies().isEmpty() || patient.medications().stream().anyMatch(m -> GATED.contains(m.drug()))) {
            return Optional.empty();
        }
        return patient.medications().stream()
                .filter(m -> m.refillsRemaining() > 0 && !m.refillTooEarly(today) && !m.expired(today)
                        && !m.requiresDoctorReview())
                .sorted((a, b) -> Boolean.compare(!PREFERRED.equals(a.drug()), !PREFERRED.equals(b.drug())))
                .map(Prescription::name)
                .findFirst();
    }

    public List<SimulatedPatient> all() {
        return patients;
    }

    List<SimulatedPatient> refillable() {
        return patients.stream().filter(p -> p.refill().isPresent()).toList();
    }

    int size() {
        return patients.size();
    }
}
