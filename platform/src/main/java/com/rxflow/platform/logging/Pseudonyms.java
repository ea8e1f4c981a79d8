package com.rxflow.platform.logging;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The only form in which a patient identifier may appear in a log line at INFO or above: a keyed
 * hash (HMAC-SHA256 under {@code rxflow.logging.pseudonym-key}) of the id, shortened to 16 hex
 * digits and prefixed {@code pt-}. Stable for a key, so an operator can follow one patient's
 * conversations through every service's logs; not reversible, and without the key not computable
 * from a guessed id. Message text is never logged at all.
 */
public final class Pseudonyms {

    static final String ALGORITHM = "HmacSHA256";
    private static final int HEX_DIGITS = 16;

    private final SecretKeySpec key;
    private final boolean configured;

    private Pseudonyms(byte[] key, boolean configured) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.configured = configured;
    }

    /** Pseudonyms under a configured secret. */
    public static Pseudonyms withKey(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the pseudonym key must not be empty");
        }
        return new Pseudonyms(secret.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Pseudonyms under a random key of this process: for development and tests only. */
    public static Pseudonyms withRandomKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new Pseudonyms(random, false);
    }

    /** True when the key was configured, false when drawn at random at start-up. */
    public boolean configured() {
        return configured;
    }

    /** The patient's pseudonym, for example {@code pt-3f9a0c11d2e4b857}; {@code pt-none} for no patient. */
    public String of(String patientId) {
        if (patientId == null || patientId.isEmpty()) {
            return "pt-none";
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8));
            return "pt-" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime provides " + ALGORITHM, e);
        }
    }
}
