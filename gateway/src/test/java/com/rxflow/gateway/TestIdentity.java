package com.rxflow.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.rxflow.gateway.auth.ChannelClients;

/**
 * Test data: the keys of a stand-in identity provider (RSA, served as a JWKS) and of the channel
 * clients (EC), made once per test run, and the tokens and patient assertions signed with them.
 */
public final class TestIdentity {

    public static final String AUDIENCE = "rxflow-gateway";

    private static final RSAKey PROVIDER_KEY = rsa();
    private static final ECKey CHANNEL_KEY = ec();

    private TestIdentity() {
    }

    /** The provider's public keys, as its JWKS endpoint serves them. */
    public static String jwks() {
        return new JWKSet(PROVIDER_KEY.toPublicJWK()).toString();
    }

    /**
     * The two local clients ({@code local-dev} web, {@code local-sms} sms, with their documented API
     * keys) with this run's channel key as their assertion key.
     */
    public static void registerLocalClients(DynamicPropertyRegistry registry) {
        localClients().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** As {@link #registerLocalClients}, as command-line arguments of a gateway started in a test. */
    public static List<String> localClientArguments() {
        return localClients().entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toList();
    }

    private static Map<String, String> localClients() {
        String[][] clients = {{"local-dev", "web", ChannelClients.DEVELOPMENT_KEY},
                {"local-sms", "sms", ChannelClients.SMS_DEVELOPMENT_KEY}};
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < clients.length; i++) {
            String prefix = "rxflow.gateway.clients[" + i + "].";
            settings.put(prefix + "id", clients[i][0]);
            settings.put(prefix + "channel", clients[i][1]);
            settings.put(prefix + "key-sha256", sha256(clients[i][2]));
            settings.put(prefix + "assertion-key", channelPublicKeyPem());
        }
        return settings;
    }

    /** The channel clients' public key, as {@code assertion-key} configures it. */
    public static String channelPublicKeyPem() {
        try {
            return "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(CHANNEL_KEY.toECPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid assertion of the client for the patient: two minutes long, a fresh jti. */
    public static String assertion(String clientId, String patientId) {
        return assertion(assertionClaims(clientId, patientId).build());
    }

    /** The claims of a valid assertion, to change one of them. */
    public static JWTClaimsSet.Builder assertionClaims(String clientId, String patientId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(clientId).subject(patientId).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(2))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** The claims signed with the channel clients' key. */
    public static String assertion(JWTClaimsSet claims) {
        return signWith(CHANNEL_KEY, claims);
    }

    /** The claims signed with a key no client has. */
    public static String assertionOfAnotherKey(JWTClaimsSet claims) {
        return signWith(ec(), claims);
    }

    /** A valid access token of the provider at {@code issuer} for the patient. */
    public static String accessToken(String issuer, String patientId) {
        return accessToken(accessTokenClaims(issuer, patientId).build());
    }

    /** The claims of a valid access token (15 minutes long), to change one of them. */
    public static JWTClaimsSet.Builder accessTokenClaims(String issuer, String patientId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("user-" + patientId).audience(AUDIENCE)
                .claim("patient_id", patientId).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15)))).jwtID(UUID.randomUUID().toString());
    }

    /** The claims signed with the provider's key. */
    public static String accessToken(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(PROVIDER_KEY.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(PROVIDER_KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signWith(ECKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsa() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-provider").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ec() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
