package com.rxflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The secret every RxFlow service of a deployment shares and presents, in the {@value #HEADER}
 * header, to another's internal endpoints ({@code /internal/**}) and Actuator's write operations.
 *
 * <p>Like the gateway's channel keys, the documented development key is public, so it must never
 * open a real deployment: outside the {@code local} profile a missing key, one shorter than
 * {@value #MIN_LENGTH} characters or the development key refuses the service's start. Under
 * {@code local} ({@code ./rxflow up}), an unset key falls back to the development key, so every
 * service of the embedded stack agrees without setup.
 */
public final class ServiceKey {

    /** The setting, as an operator sets it ({@code RXFLOW_SERVICE_KEY} in the environment). */
    public static final String PROPERTY = "rxflow.service-key";

    /** The header a caller sends the key in. */
    public static final String HEADER = "X-Service-Key";

    /** Shorter than this and the key could be guessed; 32 random bytes as hex are 64 characters. */
    public static final int MIN_LENGTH = 32;

    /** The key documented for local development; no other profile accepts it. */
    public static final String DEVELOPMENT_KEY = "rxflow-local-service-key-for-development-only";

    /** Every key the documentation publishes. */
    public static final List<String> DOCUMENTED_KEYS = List.of(DEVELOPMENT_KEY);

    static final String LOCAL_PROFILE = "local";

    private static final Logger log = LoggerFactory.getLogger(ServiceKey.class);

    private final String value;
    private final byte[] digest;

    private ServiceKey(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /**
     * The key configured in {@value #PROPERTY}, checked.
     *
     * @throws IllegalStateException naming the setting, when the key is missing or too short, or
     *                               when a profile other than {@code local} configures a documented key
     */
    public static ServiceKey from(Environment environment) {
        return of(environment.getProperty(PROPERTY), environment);
    }

    /**
     * A configured key, checked against the active profiles as {@link #from(Environment)} checks it.
     *
     * @param configured the value of {@value #PROPERTY}, null or empty when unset
     */
    public static ServiceKey of(String configured, Environment environment) {
        boolean local = environment.matchesProfiles(LOCAL_PROFILE);
        if (configured == null || configured.isBlank()) {
            if (local) {
                log.info("{} is not set: the local profile uses the documented development key", PROPERTY);
                return new ServiceKey(DEVELOPMENT_KEY);
            }
            throw new IllegalStateException(PROPERTY + " (RXFLOW_SERVICE_KEY) is not set: every service of a "
                    + "deployment shares one secret of at least " + MIN_LENGTH + " characters (openssl rand -hex 32) "
                    + "for its internal endpoints; only the '" + LOCAL_PROFILE
                    + "' profile falls back to the documented development key");
        }
        if (configured.length() < MIN_LENGTH) {
            throw new IllegalStateException(PROPERTY + " (RXFLOW_SERVICE_KEY) is " + configured.length()
                    + " characters; it needs at least " + MIN_LENGTH + " (openssl rand -hex 32)");
        }
        if (!local && DOCUMENTED_KEYS.contains(configured)) {
            throw new IllegalStateException(PROPERTY + " (RXFLOW_SERVICE_KEY) is the documented development key, "
                    + "which is accepted only with the '" + LOCAL_PROFILE + "' profile (active profiles: "
                    + List.of(environment.getActiveProfiles()) + "). Configure a secret of your own.");
        }
        return new ServiceKey(configured);
    }

    /** Whether a caller presented this key; in constant time, so the answer's timing tells nothing about the key. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** The key itself, for the clients that send it. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "ServiceKey[****]";
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
