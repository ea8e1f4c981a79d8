package com.rxflow.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.TestGatewayProperties;

class ChannelClientsTest {

    /** SHA-256 of "web-a-secret". */
    static final String WEB_A_HASH = "8fd27757d86962899af95119f8c18b073e6551867e7df70dd89290b66da61132";
    static final String DEVELOPMENT_HASH = "c981730ab3275b5a7cc6045a1e983caefbc60ae86930d11db1d00df410cc9b83";

    @Test
    void recognisesAClientByItsKey() {
        ChannelClients clients = clients(new MockEnvironment(), TestGatewayProperties.client("web-a", "web", WEB_A_HASH));

        assertThat(clients.authenticate("web-a-secret")).contains(new ChannelClient("web-a", "web"));
        assertThat(clients.authenticate("web-a-secreT")).isEmpty();
        assertThat(clients.authenticate("")).isEmpty();
        assertThat(clients.authenticate(null)).isEmpty();
    }

    @Test
    void acceptsTheDevelopmentKeyWithTheLocalProfile() {
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");
        ChannelClients clients = clients(local, TestGatewayProperties.client("local-dev", "web", DEVELOPMENT_HASH));

        assertThat(clients.authenticate(ChannelClients.DEVELOPMENT_KEY)).map(ChannelClient::id).contains("local-dev");
    }

    @Test
    void refusesTheDevelopmentKeyWithoutTheLocalProfile() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production");

        assertThatThrownBy(() -> clients(production,
                TestGatewayProperties.client("web-a", "web", WEB_A_HASH),
                TestGatewayProperties.client("local-dev", "web", DEVELOPMENT_HASH.toUpperCase())))
                .hasMessageStartingWith("rxflow.gateway.clients[1].key-sha256 (client 'local-dev')")
                .hasMessageContaining("'local' profile");
    }

    @Test
    void refusesTwoClientsWithOneIdOrOneKey() {
        assertThatThrownBy(() -> clients(new MockEnvironment(),
                TestGatewayProperties.client("web-a", "web", WEB_A_HASH),
                TestGatewayProperties.client("web-a", "sms", DEVELOPMENT_HASH.replace('c', 'd'))))
                .hasMessageContaining("clients[1].id");
        assertThatThrownBy(() -> clients(new MockEnvironment(),
                TestGatewayProperties.client("web-a", "web", WEB_A_HASH),
                TestGatewayProperties.client("sms-b", "sms", WEB_A_HASH.toUpperCase())))
                .hasMessageContaining("clients[1].key-sha256");
    }

    private static ChannelClients clients(MockEnvironment environment, GatewayProperties.Client... clients) {
        return new ChannelClients(TestGatewayProperties.withClients(List.of(clients)), environment);
    }
}
