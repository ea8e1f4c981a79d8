package com.rxflow.platform.phi;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import com.rxflow.platform.readiness.ProductionRule;

/**
 * Under {@code prod} with PHI encryption on, the key-encryption key must be provisioned: the
 * keystore a file that exists (never made on first start, as {@code ./rxflow up --encrypt-phi}
 * does: each service would make its own KEK and none could read another's data keys) and its
 * password set, directly or in a readable, non-empty file. Registered only when encryption is on.
 */
public final class PhiEncryptionRule implements ProductionRule {

    private final PhiEncryptionProperties properties;

    public PhiEncryptionRule(PhiEncryptionProperties properties) {
        this.properties = properties;
    }

    @Override
    public List<Violation> check() {
        List<Violation> violations = new ArrayList<>();
        if (properties.kekKeystore() == null || !Files.isRegularFile(properties.kekKeystore())
                || !Files.isReadable(properties.kekKeystore())) {
            violations.add(new Violation("rxflow.phi.encryption.kek-keystore", "is " + properties.kekKeystore()
                    + ", not a readable file; with rxflow.phi.encryption.enabled production needs the KEK keystore "
                    + "provisioned (a mounted secret, the same for every service), never made at start-up "
                    + "(docs/security.md)"));
        }
        try {
            properties.password();
        } catch (IllegalStateException e) {
            violations.add(new Violation(properties.kekPasswordFile() == null ? "rxflow.phi.encryption.kek-password"
                    : "rxflow.phi.encryption.kek-password-file", e.getMessage()));
        }
        return violations;
    }
}
