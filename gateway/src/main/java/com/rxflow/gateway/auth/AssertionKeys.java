package com.rxflow.gateway.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;

/**
 * The public keys channel clients sign their patient assertions with: read from PEM
 * ({@code -----BEGIN PUBLIC KEY-----}, RSA or EC) and turned into signature verifiers.
 */
final class AssertionKeys {

    /**
     * The public half of the documented development key pair (EC P-256), configured for the local
     * clients in {@code gateway-local.yml}; its private half is published in the launcher, so the
     * gateway refuses this key outside the {@code local} profile.
     */
    static final String DEVELOPMENT_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEoRN0uH8h3hVwgepi4TC4G32IXk4O
            leHsTLhQJ32Fsn8nMweEL8G4fhvwjjmoYxzVzcriOjhMUh6Jyg/5mvOc5Q==
            -----END PUBLIC KEY-----
            """;

    private static final List<String> ALGORITHMS = List.of("RSA", "EC");

    private AssertionKeys() {
    }

    /**
     * The key in a PEM text.
     *
     * @throws IllegalArgumentException when it is not an RSA or EC public key in PEM
     */
    static PublicKey parse(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] encoded;
        try {
            encoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a PEM public key (-----BEGIN PUBLIC KEY-----, base64)", e);
        }
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(encoded));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("is not an RSA or EC public key in PEM");
    }

    /** Whether the key is the documented development key. */
    static boolean isDevelopmentKey(PublicKey key) {
        return Arrays.equals(key.getEncoded(), parse(DEVELOPMENT_PUBLIC_KEY).getEncoded());
    }

    /** A verifier of signatures made with the key's private half (RS/PS for RSA, ES for EC). */
    static JWSVerifier verifier(PublicKey key) {
        try {
            if (key instanceof RSAPublicKey rsa) {
                return new RSASSAVerifier(rsa);
            }
            if (key instanceof ECPublicKey ec) {
                return new ECDSAVerifier(ec);
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("is a key whose curve JWS does not support (" + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException("is neither an RSA nor an EC key");
    }
}
