package com.rxflow.tools.patient;

import java.util.Optional;

import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Provenance;
import com.rxflow.tools.registry.ToolFailure;

/**
 * Where the tools look patients up: the bundled demo data by default, a pharmacy's own records
 * (a FHIR server) when configured. Implementations that call out may throw a {@link ToolFailure}
 * with {@link FailureCode#UNAVAILABLE} when the source does not answer.
 */
public interface PatientDirectory {

    Optional<Patient> find(String patientId);

    /** Which data answers, for every result built from a patient record. */
    Provenance provenance();

    /** The patient, or a NOT_FOUND failure naming the source. */
    default Patient require(String patientId) {
        return find(patientId).orElseThrow(() -> new ToolFailure(FailureCode.NOT_FOUND,
                "patient " + patientId + " is not in " + provenance().dataSource() + " " + provenance().dataVersion()));
    }
}
