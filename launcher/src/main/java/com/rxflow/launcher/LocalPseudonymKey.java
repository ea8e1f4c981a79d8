package com.rxflow.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The pseudonym key the local stack's services share, so a patient has one pseudonym in every
 * service's logs and audit records and the auditor's query (escalation-service) finds the accesses
 * other services recorded. Drawn at random on the first start and kept in the data folder, so
 * pseudonyms also survive a restart. A key configured the usual way
 * ({@code RXFLOW_LOGGING_PSEUDONYMKEY} or {@code -Drxflow.logging.pseudonym-key}) wins.
 */
final class LocalPseudonymKey {

    static final String PROPERTY = "rxflow.logging.pseudonym-key";
    private static final String ENVIRONMENT = "RXFLOW_LOGGING_PSEUDONYMKEY";
    private static final String FILE = "pseudonym-key";

    private LocalPseudonymKey() {
    }

    /** The key to give the services, or empty when one is configured outside the launcher. */
    static Optional<String> in(Path stateDir) {
        if (System.getProperty(PROPERTY) != null || System.getenv(ENVIRONMENT) != null) {
            return Optional.empty();
        }
        Path file = stateDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = HexFormat.of().formatHex(random);
            Files.createDirectories(stateDir);
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            return Optional.of(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local pseudonym key " + file, e);
        }
    }
}
