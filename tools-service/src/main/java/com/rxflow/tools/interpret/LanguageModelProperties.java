package com.rxflow.tools.interpret;

import java.time.Duration;
import java.util.Locale;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The language model behind the {@code interpret} tool, as an operator sets it (tools-service.yml
 * reads the guide's {@code LLM_*} variables into these). Off by default: then no model is created,
 * no key is needed and nothing leaves the machine. {@link LanguageModelSelection} turns the mode
 * and provider into Spring AI's own model selection; tools-service.yml maps the rest onto Spring
 * AI's properties.
 *
 * @param mode        {@code off}, {@code shadow} or {@code primary} ({@code LLM_MODE}); tools-service
 *                    answers {@code interpret} in both shadow and primary, the conversation decides
 *                    whether it only compares the proposal with its rules or acts on it once validated
 * @param provider    {@code openai} (OpenAI or any server speaking its chat completions) or
 *                    {@code ollama} ({@code LLM_PROVIDER})
 * @param model       the model's name, required unless off ({@code LLM_MODEL})
 * @param apiKey      the provider's key ({@code LLM_API_KEY}); empty sends no Authorization header,
 *                    which local servers accept and production refuses for openai
 * @param temperature sampling temperature ({@code LLM_TEMPERATURE}); low, since the answer is a label
 * @param maxTokens   the most tokens the model may answer with ({@code LLM_MAX_TOKENS}); the JSON
 *                    asked for needs well under a hundred
 * @param baseUrl     where the provider listens ({@code LLM_BASE_URL}); empty for its default
 * @param timeout     how long one request to the model may take before it is answered
 *                    {@code MODEL_TIMEOUT}; the tool's own limit
 *                    ({@code rxflow.tools.invocation.timeouts.interpret}) must be longer
 */
@ConfigurationProperties("rxflow.llm")
@Validated
public record LanguageModelProperties(
        @DefaultValue("off") @NotNull Mode mode,
        @DefaultValue("openai") @NotNull Provider provider,
        String model,
        String apiKey,
        @DefaultValue("0.1") @NotNull @DecimalMin("0.0") @DecimalMax("2.0") Double temperature,
        @DefaultValue("256") @NotNull @Positive Integer maxTokens,
        @Pattern(regexp = "^(https?://\\S+)?$", message = "must be an http(s) URL, or empty for the provider's default")
        String baseUrl,
        @DefaultValue("5s") @NotNull Duration timeout) {

    /** Whether the tool runs, and how the conversation uses what it proposes. */
    public enum Mode {
        /** No model: {@code interpret} is not registered and fails as {@code UNKNOWN_TOOL}. */
        OFF,
        /** The model is asked; the conversation compares its proposal with its own rules and keeps the rules'. */
        SHADOW,
        /** The model is asked; the conversation uses its proposal once it has validated it. */
        PRIMARY;

        public boolean on() {
            return this != OFF;
        }
    }

    /** The kinds of service the tool can ask, each by Spring AI's name for it. */
    public enum Provider {
        OPENAI("https://api.openai.com/v1"),
        OLLAMA("http://localhost:11434");

        private final String defaultBaseUrl;

        Provider(String defaultBaseUrl) {
            this.defaultBaseUrl = defaultBaseUrl;
        }

        /** Spring AI's name of the provider ({@code spring.ai.model.chat}), also the proposal's {@code provider}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String defaultBaseUrl() {
            return defaultBaseUrl;
        }
    }

    /** The URL the model is reached at: the configured one, or the provider's default. */
    public String effectiveBaseUrl() {
        return baseUrl == null || baseUrl.isBlank() ? provider.defaultBaseUrl() : baseUrl;
    }

    @AssertTrue(message = "rxflow.llm.model (LLM_MODEL) must name a model when rxflow.llm.mode is shadow or primary")
    boolean isModelNamedWhenOn() {
        return mode == null || !mode.on() || (model != null && !model.isBlank());
    }

    /** Never prints the key, so the settings can be logged or shown in a failure. */
    @Override
    public String toString() {
        return "LanguageModelProperties[mode=" + mode + ", provider=" + provider + ", model=" + model + ", apiKey="
                + (apiKey == null || apiKey.isEmpty() ? "(none)" : "(set)") + ", temperature=" + temperature
                + ", maxTokens=" + maxTokens + ", baseUrl=" + baseUrl + ", timeout=" + timeout + "]";
    }
}
