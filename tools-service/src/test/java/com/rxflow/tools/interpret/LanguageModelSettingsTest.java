package com.rxflow.tools.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import com.rxflow.platform.readiness.ProductionRule;
import com.rxflow.tools.interpret.LanguageModelProperties.Mode;
import com.rxflow.tools.interpret.LanguageModelProperties.Provider;
import com.rxflow.tools.invocation.InvocationProperties;

/**
 * {@code rxflow.llm}: its defaults, its validation, how it selects Spring AI's model, and what
 * production asks of it.
 */
class LanguageModelSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class);

    @Test
    void offIsTheDefaultAndNeedsNoModelNorKey() {
        context.run(beans -> {
            assertThat(beans).hasNotFailed();
            LanguageModelProperties settings = beans.getBean(LanguageModelProperties.class);
            assertThat(settings.mode()).isEqualTo(Mode.OFF);
            assertThat(settings.provider()).isEqualTo(Provider.OPENAI);
            assertThat(settings.temperature()).isEqualTo(0.1);
            assertThat(settings.timeout()).hasSeconds(5);
            assertThat(settings.effectiveBaseUrl()).isEqualTo("https://api.openai.com/v1");
        });
    }

    @Test
    void aModelSwitchedOnMustBeNamed() {
        context.withPropertyValues("rxflow.llm.mode=shadow").run(beans ->
                assertThat(beans).getFailure().rootCause().hasMessageContaining("rxflow.llm.model (LLM_MODEL) must name a model"));
    }

    @Test
    void anUnknownModeOrProviderOrABadUrlOrTemperatureStopsTheStart() {
        for (String wrong : new String[] {"rxflow.llm.mode=on", "rxflow.llm.provider=anthropic",
                "rxflow.llm.base-url=localhost:11434", "rxflow.llm.temperature=3", "rxflow.llm.max-tokens=0"}) {
            context.withPropertyValues(wrong).run(beans -> assertThat(beans).as(wrong).getFailure()
                    .hasMessageContaining("rxflow.llm"));
        }
    }

    @Test
    void theKeyIsNeverPrinted() {
        LanguageModelProperties settings = settings(Mode.PRIMARY, Provider.OPENAI, "sk-secret");
        assertThat(settings.toString()).doesNotContain("sk-secret").contains("apiKey=(set)");
    }

    @Test
    void offSelectsNoSpringAiModelOfAnyKind() {
        Map<String, Object> selection = LanguageModelSelection.selection(new MockEnvironment());

        assertThat(selection).containsEntry("spring.ai.model.chat", "none")
                .containsEntry("spring.ai.model.embedding", "none").containsEntry("spring.ai.model.image", "none")
                .containsEntry("spring.ai.model.audio.speech", "none").containsEntry("spring.ai.model.audio.transcription", "none")
                .containsEntry("spring.ai.model.moderation", "none")
                .doesNotContainKeys("spring.ai.openai.base-url", "spring.ai.ollama.base-url");
    }

    @Test
    void shadowOrPrimarySelectsTheProvidersChatModelAtItsUrl() {
        MockEnvironment ollama = new MockEnvironment().withProperty("rxflow.llm.mode", "SHADOW")
                .withProperty("rxflow.llm.provider", "ollama");
        assertThat(LanguageModelSelection.selection(ollama)).containsEntry("spring.ai.model.chat", "ollama")
                .containsEntry("spring.ai.ollama.base-url", "http://localhost:11434")
                .containsEntry("spring.ai.model.embedding", "none");

        MockEnvironment openAi = new MockEnvironment().withProperty("rxflow.llm.mode", "primary")
                .withProperty("rxflow.llm.base-url", "http://localhost:8000/v1");
        assertThat(LanguageModelSelection.selection(openAi)).containsEntry("spring.ai.model.chat", "openai")
                .containsEntry("spring.ai.openai.base-url", "http://localhost:8000/v1");
    }

    @Test
    void anUnreadableModeSelectsNothingAndLeavesTheErrorToTheSettings() {
        assertThat(LanguageModelSelection.selection(new MockEnvironment().withProperty("rxflow.llm.mode", "maybe")))
                .containsEntry("spring.ai.model.chat", "none");
    }

    @Test
    void anOperatorsOwnSpringAiSelectionWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("operator",
                Map.of("rxflow.llm.mode", "off", "spring.ai.model.embedding", "ollama")));

        new LanguageModelSelection().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.ai.model.embedding")).isEqualTo("ollama");
        assertThat(environment.getProperty("spring.ai.model.chat")).isEqualTo("none");
    }

    @Test
    void productionAsksForAKeyOnlyForAnOpenAiModelSwitchedOn() {
        InterpretConfiguration configuration = new InterpretConfiguration();

        assertThat(configuration.languageModelProductionRule(settings(Mode.PRIMARY, Provider.OPENAI, "")).check())
                .extracting(ProductionRule.Violation::setting).containsExactly("rxflow.llm.api-key");
        assertThat(configuration.languageModelProductionRule(settings(Mode.SHADOW, Provider.OPENAI, null)).check()).hasSize(1);
        assertThat(configuration.languageModelProductionRule(settings(Mode.PRIMARY, Provider.OPENAI, "sk-x")).check()).isEmpty();
        assertThat(configuration.languageModelProductionRule(settings(Mode.PRIMARY, Provider.OLLAMA, "")).check()).isEmpty();
        assertThat(configuration.languageModelProductionRule(settings(Mode.OFF, Provider.OPENAI, "")).check()).isEmpty();
    }

    @Test
    void theToolsLimitMustLeaveTheModelItsTimeout() {
        new ApplicationContextRunner()
                .withUserConfiguration(Invocation.class, InterpretConfiguration.class)
                .withBean(ChatClient.Builder.class, () -> ChatClient.builder(prompt -> {
                    throw new UnsupportedOperationException("never asked");
                }))
                .withPropertyValues("rxflow.llm.mode=primary", "rxflow.llm.model=m", "rxflow.llm.timeout=5s",
                        "rxflow.tools.invocation.zone=UTC", "rxflow.tools.invocation.timeout=2s",
                        "rxflow.tools.invocation.retry.max-attempts=3", "rxflow.tools.invocation.retry.initial-backoff=100ms",
                        "rxflow.tools.invocation.retry.multiplier=2", "rxflow.tools.invocation.retry.max-backoff=1s",
                        "rxflow.tools.invocation.retry.budget=8s", "rxflow.tools.invocation.request-log.topic=log",
                        "rxflow.tools.invocation.request-log.retention=1d")
                .run(beans -> assertThat(beans).getFailure().rootCause()
                        .hasMessageContaining("rxflow.tools.invocation.timeouts.interpret (PT2S) must be longer than rxflow.llm.timeout (PT5S)"));
    }

    private static LanguageModelProperties settings(Mode mode, Provider provider, String apiKey) {
        return new LanguageModelProperties(mode, provider, "a-model", apiKey, 0.1, 256, null, Duration.ofSeconds(5));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LanguageModelProperties.class)
    static class Settings {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(InvocationProperties.class)
    static class Invocation {
    }
}
