package com.rxflow.tools.patient;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A fixed set of patients held in memory, such as the bundled demo data. */
public final class InMemoryPatientDirectory implements PatientDirectory {

    private final String source;
    private final String version;
    private final Map<String, Patient> patients;

    /** @throws IllegalArgumentException when two patients share an id */
    public InMemoryPatientDirectory(String source, String version, Collection<Patient> patients) {
        this.source = Objects.requireNonNull(source, "source");
        this.version = Objects.requireNonNull(version, "version");
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
    public String source() {
        return source;
    }

    @Override
    public String version() {
        return version;
    }
}
