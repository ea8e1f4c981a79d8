package com.rxflow.launcher.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.Test;

/**
 * The development assertions are what the local gateway accepts: signed with the private half of
 * the key pair whose public half {@code gateway-local.yml} configures, with the claims it checks.
 */
class ChannelAssertionsTest {

    private static final Pattern PUBLIC_KEY = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----(.+?)-----END PUBLIC KEY-----", Pattern.DOTALL);

    @Test
    void aDevelopmentAssertionIsSignedWithThePairTheLocalGatewayTrustsAndNamesClientPatientAndGateway()
            throws Exception {
        SignedJWT assertion = SignedJWT.parse(ChannelAssertions.development("local-sms").mint("patient_001"));

        assertThat(assertion.verify(new ECDSAVerifier(localGatewayKey()))).isTrue();
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("local-sms");
        assertThat(claims.getSubject()).isEqualTo("patient_001");
        assertThat(claims.getAudience()).containsExactly("rxflow-gateway");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void everyAssertionHasAnIdOfItsOwn() throws Exception {
        ChannelAssertions assertions = ChannelAssertions.development("local-dev");

        assertThat(SignedJWT.parse(assertions.mint("P1")).getJWTClaimsSet().getJWTID())
                .isNotEqualTo(SignedJWT.parse(assertions.mint("P1")).getJWTClaimsSet().getJWTID());
    }

    private static ECPublicKey localGatewayKey() throws Exception {
        try (InputStream yaml = ChannelAssertionsTest.class.getResourceAsStream("/gateway-local.yml")) {
            Matcher pem = PUBLIC_KEY.matcher(new String(yaml.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(pem.find()).as("gateway-local.yml configures an assertion key").isTrue();
            byte[] encoded = Base64.getMimeDecoder().decode(pem.group(1).replaceAll("\\s", ""));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
