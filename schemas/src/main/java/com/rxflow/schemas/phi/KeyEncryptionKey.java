package com.rxflow.schemas.phi;

/**
 * The key-encryption key (KEK) that wraps patients' data keys before they are written to the
 * patient-keys topic. The default is {@link KeystoreKeyEncryptionKey} (a PKCS12 file); a key
 * management service implements this interface by calling its own wrap and unwrap operations, so
 * the KEK never leaves it.
 */
public interface KeyEncryptionKey {

    /** The id of the KEK that {@link #wrap} uses now, recorded next to every wrapped key. */
    String currentId();

    /**
     * Encrypts a data key.
     *
     * @param dataKey the raw key
     * @param context bound to the result (the patient and key id): unwrapping with another fails
     */
    byte[] wrap(byte[] dataKey, byte[] context);

    /**
     * Decrypts a data key wrapped by the KEK {@code kekId}.
     *
     * @throws java.security.GeneralSecurityException wrapped in an {@link IllegalStateException} when
     *         the KEK is unknown or the wrapped key or its context was altered
     */
    byte[] unwrap(String kekId, byte[] wrapped, byte[] context);
}
