package com.rxflow.gateway.auth;

import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.platform.validation.PatientId;

/**
 * Checks the patient assertion a channel client presents when it opens a conversation
 * ({@code X-Patient-Assertion}): a JWT signed with the client's own key ({@code assertion-key}),
 * {@code iss} the client's id, {@code sub} the patient, {@code aud} the gateway, living at most
 * five minutes ({@code iat} to {@code exp}) and used once ({@code jti}). The patient must be one
 * the client may serve ({@code patients}, {@code patient-pattern}).
 *
 * <p>Every client's key and pattern is checked at start, so a mistyped key stops the gateway
 * rather than every conversation; outside the {@code local} profile the documented development key
 * is refused, like the documented API keys.
 */
@Component
public class ChannelAssertionVerifier {

    /** The header that carries the assertion on {@code POST /api/v1/conversations}. */
    public static final String HEADER = "X-Patient-Assertion";

    static final Duration MAXIMUM_LIFETIME = Duration.ofMinutes(5);
    static final Duration LEEWAY = Duration.ofSeconds(30);
    private static final long REMEMBERED_ASSERTIONS = 100_000;
    private static final Pattern PATIENT_ID = Pattern.compile(PatientId.PATTERN);

    private final Map<String, Signer> signers;
    private final String audience;
    private final Clock clock;
    private final ReplayGuard replays;

    public ChannelAssertionVerifier(GatewayProperties properties, Environment environment, Clock clock) {
        this.signers = register(properties.clients(), environment.matchesProfiles(ChannelClients.LOCAL_PROFILE));
        this.audience = properties.identity().audience();
        this.clock = clock;
        this.replays = new ReplayGuard(clock, LEEWAY, REMEMBERED_ASSERTIONS);
    }

    /**
     * The patient the client's assertion names.
     *
     * @throws UnauthorizedException      when the assertion is missing, malformed, not signed by the
     *                                    client, expired, too long-lived, for another audience or replayed
     * @throws PatientNotAllowedException when the client may not serve that patient
     */
    public String patientOf(ChannelClient client, String assertion) {
        if (assertion == null || assertion.isBlank()) {
            throw new UnauthorizedException("Opening a conversation with an API key needs the " + HEADER
                    + " header: a JWT signed by the channel that names the patient in 'sub'.");
        }
        Signer signer = Optional.ofNullable(signers.get(client.id())).orElseThrow(() -> new UnauthorizedException(
                "Client '" + client.id() + "' has no assertion key configured, so it cannot open conversations."));
        JWTClaimsSet claims = verifiedClaims(assertion, signer.verifier());
        String patientId = check(claims, client);
        if (!signer.admits(patientId)) {
            throw new PatientNotAllowedException(
                    "Client '" + client.id() + "' may not open conversations for this patient.");
        }
        if (!replays.firstUse(client.id(), claims.getJWTID(), claims.getExpirationTime().toInstant())) {
            throw new UnauthorizedException(refusal("was used before (jti); mint a new one for every conversation"));
        }
        return patientId;
    }

    private static JWTClaimsSet verifiedClaims(String assertion, JWSVerifier verifier) {
        try {
            SignedJWT jwt = SignedJWT.parse(assertion.trim());
            if (!verifier.supportedJWSAlgorithms().contains(jwt.getHeader().getAlgorithm())) {
                throw new UnauthorizedException(refusal("is signed with " + jwt.getHeader().getAlgorithm()
                        + ", which the client's key does not make"));
            }
            if (!jwt.verify(verifier)) {
                throw new UnauthorizedException(refusal("is not signed with the client's key"));
            }
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new UnauthorizedException(refusal("is not a signed JWT"));
        }
    }

    /** Checks the claims and answers the patient. */
    private String check(JWTClaimsSet claims, ChannelClient client) {
        if (!client.id().equals(claims.getIssuer())) {
            throw new UnauthorizedException(refusal("must name the client '" + client.id() + "' in 'iss'"));
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new UnauthorizedException(refusal("must name '" + audience + "' in 'aud'"));
        }
        if (claims.getJWTID() == null || claims.getJWTID().isBlank()) {
            throw new UnauthorizedException(refusal("has no 'jti'"));
        }
        Instant now = clock.instant();
        Instant issued = instant(claims.getIssueTime(), "iat");
        Instant expires = instant(claims.getExpirationTime(), "exp");
        if (issued.isAfter(now.plus(LEEWAY))) {
            throw new UnauthorizedException(refusal("is issued in the future ('iat')"));
        }
        if (!expires.plus(LEEWAY).isAfter(now)) {
            throw new UnauthorizedException(refusal("has expired ('exp')"));
        }
        if (Duration.between(issued, expires).compareTo(MAXIMUM_LIFETIME) > 0) {
            throw new UnauthorizedException(refusal("lives longer than " + MAXIMUM_LIFETIME.toMinutes()
                    + " minutes ('exp' - 'iat')"));
        }
        String patientId = claims.getSubject();
        if (patientId == null || !PATIENT_ID.matcher(patientId).matches()) {
            throw new UnauthorizedException(refusal("must name the patient in 'sub' (" + PatientId.PATTERN + ")"));
        }
        return patientId;
    }

    private static Instant instant(Date date, String claim) {
        if (date == null) {
            throw new UnauthorizedException(refusal("has no '" + claim + "'"));
        }
        return date.toInstant();
    }

    private static String refusal(String reason) {
        return "The " + HEADER + " header is not accepted: the assertion " + reason + ".";
    }

    private static Map<String, Signer> register(List<GatewayProperties.Client> clients, boolean local) {
        Map<String, Signer> signers = new HashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            GatewayProperties.Client client = clients.get(i);
            String setting = "rxflow.gateway.clients[" + i + "]";
            if (client.assertionKey() == null || client.assertionKey().isBlank()) {
                continue;
            }
            PublicKey key;
            JWSVerifier verifier;
            try {
                key = AssertionKeys.parse(client.assertionKey());
                verifier = AssertionKeys.verifier(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(setting + ".assertion-key (client '" + client.id() + "') "
                        + e.getMessage(), e);
            }
            if (!local && AssertionKeys.isDevelopmentKey(key)) {
                throw new IllegalStateException(setting + ".assertion-key (client '" + client.id()
                        + "') is the documented development key, which is accepted only with the '"
                        + ChannelClients.LOCAL_PROFILE + "' profile. Configure the public key of the channel's own"
                        + " key pair.");
            }
            signers.put(client.id(), new Signer(verifier, Set.copyOf(client.patients()),
                    pattern(client.patientPattern(), setting, client.id())));
        }
        return Map.copyOf(signers);
    }

    private static Pattern pattern(String regex, String setting, String clientId) {
        if (regex == null || regex.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException(setting + ".patient-pattern (client '" + clientId
                    + "') is not a regular expression: " + e.getDescription(), e);
        }
    }

    /** A client's key and the patients it may serve (no list and no pattern: any). */
    private record Signer(JWSVerifier verifier, Set<String> patients, Pattern pattern) {

        boolean admits(String patientId) {
            if (patients.isEmpty() && pattern == null) {
                return true;
            }
            return patients.contains(patientId) || (pattern != null && pattern.matcher(patientId).matches());
        }
    }
}
