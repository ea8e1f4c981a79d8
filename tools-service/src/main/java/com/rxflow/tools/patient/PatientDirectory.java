package com.rxflow.tools.patient;

import java.util.Optional;

/**
 * Where the tools look patients up. The bundled demo data implements it today; a pharmacy's own
 * system (its patient or dispensing records) replaces it by providing another bean of this type.
 */
public interface PatientDirectory {

    Optional<Patient> find(String patientId);

    /** Provenance: the system that answers, for example {@code bundled-demo-data}. */
    String source();

    /** Provenance: the version of that system's data that answers. */
    String version();
}
