package com.rxflow.platform.features;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * How a flag is rolled out, with the guide's semantics: off for everyone when not enabled; on for
 * a patient on the allow-list; otherwise on for the patients whose bucket (0-99) is below the
 * percentage. A patient's bucket is a stable hash of the flag name and the patient id (SHA-256),
 * the same in every service, JVM and release, and independent between flags, so raising the
 * percentage only ever adds patients. Never {@code String.hashCode}, which Java does not promise
 * to keep.
 *
 * @param enabled    the flag's master switch
 * @param allow      patient ids for whom it is on whatever the percentage
 * @param percentage share of the other patients for whom it is on, 0 to 100
 */
public record Rollout(boolean enabled, Set<String> allow, int percentage) {

    public Rollout {
        allow = Set.copyOf(allow);
        if (percentage < 0 || percentage > 100) {
            throw new IllegalArgumentException("a rollout percentage is between 0 and 100, not " + percentage);
        }
    }

    public static Rollout on() {
        return new Rollout(true, Set.of(), 100);
    }

    public static Rollout off() {
        return new Rollout(false, Set.of(), 100);
    }

    /** Whether the flag is on for this patient (null: no patient, only an all-or-nothing rollout decides). */
    public boolean enabledFor(String flag, String patientId) {
        if (!enabled) {
            return false;
        }
        if (percentage >= 100) {
            return true;
        }
        if (patientId == null) {
            return false;
        }
        return allow.contains(patientId) || bucket(flag, patientId) < percentage;
    }

    /** The patient's bucket for this flag, 0 to 99. */
    public static int bucket(String flag, String patientId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((flag + '\u0000' + patientId).getBytes(StandardCharsets.UTF_8));
            return (int) (Integer.toUnsignedLong(ByteBuffer.wrap(digest).getInt()) % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
