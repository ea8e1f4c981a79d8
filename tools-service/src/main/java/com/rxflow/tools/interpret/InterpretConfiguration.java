package com.rxflow.tools.interpret;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import com.rxflow.platform.readiness.ProductionRule;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.interpret.LanguageModelProperties.Provider;
import com.rxflow.tools.invocation.InvocationProperties;

/**
 * The {@code interpret} tool, registered only when {@code rxflow.llm.mode} is shadow or primary
 * (Spring AI's chat model, selected by {@link LanguageModelSelection}, exists only then), and the
 * production rule that a model switched on in production has what it needs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LanguageModelProperties.class)
public class InterpretConfiguration {

    /**
     * @throws IllegalStateException when the tool's own time limit would cut the model off before
     *                               its timeout can answer {@code MODEL_TIMEOUT}
     */
    @Bean(destroyMethod = "close")
    @Conditional(ModelSwitchedOn.class)
    InterpretTool interpretTool(ChatClient.Builder chat, LanguageModelProperties settings,
            InvocationProperties invocation) {
        Duration toolLimit = invocation.timeoutOf(ToolContracts.INTERPRET.name());
        if (toolLimit.compareTo(settings.timeout()) <= 0) {
            throw new IllegalStateException("rxflow.tools.invocation.timeouts.interpret (" + toolLimit
                    + ") must be longer than rxflow.llm.timeout (" + settings.timeout()
                    + "), or the tool is stopped as TIMEOUT before the model's time is up");
        }
        return new InterpretTool(chat.build(), settings);
    }

    /**
     * A model switched on in production needs a key when it is OpenAI's: without one the client
     * sends no Authorization header (right for a local OpenAI-compatible server, not for a
     * pharmacy's production), and every call would fail as MODEL_REJECTED.
     */
    @Bean
    ProductionRule languageModelProductionRule(LanguageModelProperties settings) {
        return () -> {
            if (settings.mode().on() && settings.provider() == Provider.OPENAI
                    && (settings.apiKey() == null || settings.apiKey().isBlank())) {
                return List.of(new ProductionRule.Violation("rxflow.llm.api-key",
                        "is empty while rxflow.llm.mode is " + settings.mode().name().toLowerCase(Locale.ROOT)
                                + " with provider openai; set LLM_API_KEY, or LLM_MODE=off"));
            }
            return List.of();
        };
    }

    /** True when {@code rxflow.llm.mode} is shadow or primary, read as the selection reads it. */
    static final class ModelSwitchedOn extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return LanguageModelSelection.on(context.getEnvironment())
                    ? ConditionOutcome.match("rxflow.llm.mode is shadow or primary")
                    : ConditionOutcome.noMatch("rxflow.llm.mode is off");
        }
    }
}
