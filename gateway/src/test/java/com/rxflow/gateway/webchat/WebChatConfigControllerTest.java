package com.rxflow.gateway.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.rxflow.gateway.GatewayConfiguration;

/** The web chat is told where patients sign in, in every profile, and is never handed a key. */
class WebChatConfigControllerTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(GatewayConfiguration.class, WebChatConfigController.class);

    @Test
    void theConfigurationNamesTheIssuerAndTheWebChatsClientIdOnly() {
        contexts.withPropertyValues("rxflow.gateway.identity.issuer-uri=https://id.pharmacy.example",
                "rxflow.gateway.identity.web-client-id=pharmacy-chat").run(context -> {
                    WebChatConfigController.WebChatConfig config =
                            context.getBean(WebChatConfigController.class).config().getBody();
                    assertThat(config).isEqualTo(
                            new WebChatConfigController.WebChatConfig("https://id.pharmacy.example", "pharmacy-chat"));
                    assertThat(WebChatConfigController.WebChatConfig.class.getRecordComponents())
                            .extracting(component -> component.getName()).containsExactly("issuer", "clientId");
                });
    }

    @Test
    void theDefaultsAreTheLocalAuthorizationServerAndItsWebChatClient() {
        contexts.run(context -> assertThat(context.getBean(WebChatConfigController.class).config().getBody())
                .isEqualTo(new WebChatConfigController.WebChatConfig("http://localhost:9000", "rxflow-web-chat")));
    }

    @Test
    void thePageMayTalkToTheIssuersOriginAndNoOtherOne() {
        assertThat(SecurityHeadersFilter.policy(URI.create("https://id.pharmacy.example/realms/rx")))
                .contains("connect-src 'self' https://id.pharmacy.example;")
                .contains("script-src 'self';");
    }
}
