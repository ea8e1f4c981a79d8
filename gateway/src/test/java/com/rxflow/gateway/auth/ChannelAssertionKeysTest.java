package com.rxflow.gateway.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.TestGatewayProperties;
import com.rxflow.gateway.TestIdentity;

/** Every client's assertion key and patient pattern is checked when the gateway starts. */
class ChannelAssertionKeysTest {

    private static final String HASH = ChannelClientsTest.DEVELOPMENT_HASH;

    @Test
    void aKeyThatIsNotAPublicKeyStopsTheGatewayNamingTheSetting() {
        String notAKey = "-----BEGIN PUBLIC KEY-----\nbm9wZQ==\n-----END PUBLIC KEY-----";

        assertThatThrownBy(() -> verifier(new MockEnvironment(), client(notAKey, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("rxflow.gateway.clients[0].assertion-key (client 'sms-bot') is not an RSA or EC");
    }

    @Test
    void aPatternThatIsNotARegularExpressionStopsTheGateway() {
        assertThatThrownBy(() -> verifier(new MockEnvironment(), client(TestIdentity.channelPublicKeyPem(), "P[0-9")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("rxflow.gateway.clients[0].patient-pattern (client 'sms-bot')");
    }

    @Test
    void theDocumentedDevelopmentKeyIsAcceptedInTheLocalProfileOnly() {
        GatewayProperties.Client documented = client(AssertionKeys.DEVELOPMENT_PUBLIC_KEY, null);
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");

        assertThatCode(() -> verifier(local, documented)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier(new MockEnvironment(), documented))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is the documented development key");
    }

    private static ChannelAssertionVerifier verifier(MockEnvironment environment, GatewayProperties.Client client) {
        return new ChannelAssertionVerifier(TestGatewayProperties.withClients(List.of(client)), environment,
                Clock.systemUTC());
    }

    private static GatewayProperties.Client client(String assertionKey, String pattern) {
        return new GatewayProperties.Client("sms-bot", "sms", HASH.replace('c', 'd'), assertionKey, List.of(), pattern);
    }
}
