package com.rxflow.schemas.phi;

import java.util.Objects;

import javax.crypto.SecretKey;

/**
 * One patient's data key: the AES-256 key that seals the PHI fields of the records about them.
 *
 * @param patientId the patient (pseudonymous id)
 * @param keyId     random id written in every value the key seals
 * @param key       the key itself; never logged
 */
public record DataKey(String patientId, String keyId, SecretKey key) {

    public DataKey {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        if (keyId.isEmpty() || keyId.contains(":") || keyId.length() > 64) {
            throw new IllegalArgumentException("a key id is 1 to 64 characters without ':'");
        }
    }

    @Override
    public String toString() {
        return "DataKey[patientId=" + patientId + ", keyId=" + keyId + "]";
    }
}
