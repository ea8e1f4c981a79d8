package com.rxflow.platform.logging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How patient identifiers are pseudonymised in logs ({@code rxflow.logging.*}).
 *
 * @param pseudonymKey the secret of the keyed hash (HMAC-SHA256) that turns a patient id into its
 *                     log pseudonym. The same key in every service makes one patient's pseudonym the
 *                     same in every service's logs; without the key a pseudonym cannot be traced back
 *                     to the patient by hashing candidate ids. Required in the {@code prod} profile;
 *                     elsewhere a random key is drawn at start-up (pseudonyms then change with it).
 */
@ConfigurationProperties("rxflow.logging")
public record PseudonymProperties(String pseudonymKey) {
}
