package com.rxflow.tools.patient;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.rxflow.tools.registry.Provenance;

/** A fixed set of patients held in memory: the bundled demo data and any synthetic load-test patients. */
public final class InMemoryPatientDirectory implements PatientDirectory {

    private final Provenance provenance;
    private final Map<String, Patient> patients;

    /** @throws IllegalArgumentException when two patients share an id */
    public InMemoryPatientDirectory(Provenance provenance, Collection<Patient> patients) {
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        Map<String, Patient> byId = new LinkedHashMap<>();
        for (Patient patient : patients) {
            if (byId.putIfAbsent(patient.id(), patient) != null) {
                throw new IllegalArgumentException("patient id '" + patient.id() + "' appears twice");
            }
        }
        this.patients = Map.copyOf(byId);
    }

    @Override
    public Optional<Patient> find(String patientId) {
        return Optional.ofNullable(patients.get(patientId));
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    public int size() {
        return patients.size();
    }
}
