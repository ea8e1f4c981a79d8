package com.rxflow.schemas.phi;

import java.util.Optional;

/**
 * Patients' data keys, as one client (a serializer, a deserializer, a store's serde) sees them.
 * Handed to the serdes through their configuration ({@link PhiSealer#CONFIG}), never held in a
 * static field.
 */
public interface PatientKeyring {

    /** The key to seal a new value about the patient with, made (and stored) if they have none. */
    DataKey currentKey(String patientId);

    /** The key a value was sealed with, or empty when it is unknown: the patient was forgotten. */
    Optional<DataKey> key(String patientId, String keyId);
}
