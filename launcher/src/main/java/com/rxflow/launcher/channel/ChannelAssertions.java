package com.rxflow.launcher.channel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the patient assertions a server-side channel presents to the gateway when it opens a
 * conversation ({@code X-Patient-Assertion}): a JWT signed with the channel's private key, naming
 * the channel ({@code iss}), the patient ({@code sub}) and the gateway ({@code aud}), two minutes
 * long, with an id of its own ({@code jti}, the gateway accepts each once).
 *
 * <p>The local stack's channels ({@code local-dev}, {@code local-sms}) sign with the documented
 * development key ({@link #development}); a real channel with its own key ({@link #fromPemFile}).
 */
public final class ChannelAssertions {

    /** The header the assertion travels in. */
    public static final String HEADER = "X-Patient-Assertion";

    /** Where the development private key is on the classpath (documented, never accepted outside local). */
    static final String DEVELOPMENT_KEY_RESOURCE = "/dev-channel-assertion-key.pem";

    private static final String AUDIENCE = "rxflow-gateway";
    private static final Duration LIFETIME = Duration.ofMinutes(2);
    private static final List<String> ALGORITHMS = List.of("EC", "RSA");

    private final String clientId;
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final Clock clock;

    private ChannelAssertions(String clientId, PrivateKey key, Clock clock) {
        this.clientId = clientId;
        this.clock = clock;
        try {
            if (key instanceof ECPrivateKey ec) {
                this.signer = new ECDSASigner(ec);
                this.algorithm = ECDSA.resolveAlgorithm(Curve.forECParameterSpec(ec.getParams()));
            } else {
                this.signer = new RSASSASigner(key);
                this.algorithm = JWSAlgorithm.RS256;
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the assertion key cannot sign JWTs: " + e.getMessage(), e);
        }
    }

    /** The assertions of a local client, signed with the documented development key. */
    public static ChannelAssertions development(String clientId) {
        try (InputStream pem = ChannelAssertions.class.getResourceAsStream(DEVELOPMENT_KEY_RESOURCE)) {
            if (pem == null) {
                throw new IllegalStateException(DEVELOPMENT_KEY_RESOURCE + " is not on the classpath");
            }
            return new ChannelAssertions(clientId, parse(new String(pem.readAllBytes(), StandardCharsets.UTF_8)),
                    Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEVELOPMENT_KEY_RESOURCE, e);
        }
    }

    /** The assertions of a client whose private key (PKCS#8 PEM, EC or RSA) is in the file. */
    public static ChannelAssertions fromPemFile(String clientId, Path privateKey) throws IOException {
        return new ChannelAssertions(clientId, parse(Files.readString(privateKey)), Clock.systemUTC());
    }

    /** A fresh assertion that the client serves this patient. */
    public String mint(String patientId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(patientId).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the patient assertion failed", e);
        }
        return jwt.serialize();
    }

    /** The client the assertions are of. */
    public String clientId() {
        return clientId;
    }

    /** A PKCS#8 private key in PEM; lines starting with {@code #} are comments. */
    static PrivateKey parse(String pem) {
        String base64 = pem.lines().filter(line -> !line.startsWith("#") && !line.startsWith("-----"))
                .map(String::strip).collect(Collectors.joining());
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("not an EC or RSA private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
    }
}
