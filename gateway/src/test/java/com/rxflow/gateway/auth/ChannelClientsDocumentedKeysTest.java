package com.rxflow.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.TestGatewayProperties;

/** The second documented key is as public as the first, and refused outside the local profile alike. */
class ChannelClientsDocumentedKeysTest {

    /** SHA-256 of "rxflow-local-sms". */
    static final String SMS_HASH = "4f402ddf024cceb9eb304070e8287183e242d76a2c766854d9d1e27ba69ea8d5";

    @Test
    void theLocalProfileKnowsBothDocumentedKeysAsDifferentClients() {
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");
        ChannelClients clients = new ChannelClients(TestGatewayProperties.withClients(List.of(
                TestGatewayProperties.client("local-dev", "web", ChannelClientsTest.DEVELOPMENT_HASH),
                TestGatewayProperties.client("local-sms", "sms", SMS_HASH))), local);

        assertThat(clients.authenticate(ChannelClients.DEVELOPMENT_KEY)).contains(new ChannelClient("local-dev", "web"));
        assertThat(clients.authenticate(ChannelClients.SMS_DEVELOPMENT_KEY)).contains(new ChannelClient("local-sms", "sms"));
    }

    @Test
    void anyOtherProfileRefusesTheSmsKey() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production");

        assertThatThrownBy(() -> new ChannelClients(TestGatewayProperties.withClients(List.of(
                TestGatewayProperties.client("pharmacy-sms", "sms", SMS_HASH))), production))
                .hasMessageStartingWith("rxflow.gateway.clients[0].key-sha256 (client 'pharmacy-sms') is the hash of"
                        + " the documented development key 'rxflow-local-sms'");
    }
}
