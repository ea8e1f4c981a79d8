package com.rxflow.platform.phi;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;

/**
 * Per-patient encryption of PHI fields ({@code rxflow.phi.encryption.*}). Off by default: see
 * docs/security.md for why and for what it protects. The wrapped keys are on the catalogue's
 * patient-keys topic ({@code TopicCatalogue.PATIENT_KEYS}; renamed, like any topic, with
 * {@code rxflow.kafka.topics.names.patient-keys}), so its ACLs and layout come with the catalogue.
 *
 * @param enabled       seal PHI fields in every record the service writes and open them in every
 *                      record it reads (topics and state stores)
 * @param kekKeystore   the PKCS12 keystore of the key-encryption key, made on first use if missing (outside
 *                      the {@code prod} profile: under it a missing keystore refuses the start, see {@link PhiEncryptionRule})
 * @param kekPassword   its password (this or {@code kekPasswordFile} is required when enabled)
 * @param kekPasswordFile a file whose first line is the password (a mounted secret), read when {@code kekPassword} is unset
 * @param refreshEvery  how often the keyring reads keys made, and patients forgotten, by other instances:
 *                      a forgotten patient's key is not used more than this after its tombstone
 * @param keyCacheSize  how many unwrapped data keys the keyring holds at most (least recently used evicted)
 */
@ConfigurationProperties("rxflow.phi.encryption")
public record PhiEncryptionProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue(".rxflow/phi/kek.p12") Path kekKeystore,
        String kekPassword,
        Path kekPasswordFile,
        @DefaultValue("5s") Duration refreshEvery,
        @DefaultValue("10000") int keyCacheSize) {

    /**
     * The KEK's password: {@code kek-password}, or else the first line of {@code kek-password-file}.
     *
     * @throws IllegalStateException when neither is set, or the file cannot be read or is empty
     */
    public char[] password() {
        if (kekPassword != null && !kekPassword.isBlank()) {
            return kekPassword.toCharArray();
        }
        if (kekPasswordFile == null) {
            throw new IllegalStateException("rxflow.phi.encryption.kek-password (or kek-password-file) is required "
                    + "when rxflow.phi.encryption.enabled is true");
        }
        return KeystoreKeyEncryptionKey.readPassword(kekPasswordFile);
    }
}
