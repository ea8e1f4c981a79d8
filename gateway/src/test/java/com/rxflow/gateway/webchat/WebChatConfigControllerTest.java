package com.rxflow.gateway.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.rxflow.gateway.GatewayConfiguration;

/** The web chat's key is handed out in the local profile only, and only ever a documented key. */
class WebChatConfigControllerTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(GatewayConfiguration.class, WebChatConfigController.class)
            .withPropertyValues("rxflow.gateway.web-chat.api-key=rxflow-local-dev",
                    "rxflow.gateway.web-chat.demo-patients[0].id=patient_001",
                    "rxflow.gateway.web-chat.demo-patients[0].name=John Smith");

    @Test
    void theLocalProfileServesTheConfiguration() {
        contexts.withPropertyValues("spring.profiles.active=local").run(context -> {
            assertThat(context).hasSingleBean(WebChatConfigController.class);
            WebChatConfigController.WebChatConfig config = context.getBean(WebChatConfigController.class).config().getBody();
            assertThat(config.apiKey()).isEqualTo("rxflow-local-dev");
            assertThat(config.patients()).extracting(WebChatConfigController.WebChatConfig.Patient::name)
                    .containsExactly("John Smith");
        });
    }

    @Test
    void anyOtherProfileServesNone() {
        contexts.withPropertyValues("spring.profiles.active=production")
                .run(context -> assertThat(context).doesNotHaveBean(WebChatConfigController.class));
        contexts.run(context -> assertThat(context).doesNotHaveBean(WebChatConfigController.class));
    }

    @Test
    void aKeyThatIsNotDocumentedIsNeverHandedOut() {
        contexts.withPropertyValues("spring.profiles.active=local", "rxflow.gateway.web-chat.api-key=a-real-secret")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("must be one of the documented local keys"));
    }
}
