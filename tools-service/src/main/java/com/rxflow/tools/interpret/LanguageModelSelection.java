package com.rxflow.tools.interpret;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import com.rxflow.tools.interpret.LanguageModelProperties.Provider;

/**
 * Keeps Spring AI inert unless {@code rxflow.llm.mode} asks for a model. Spring AI's starters
 * create every model they carry (chat, embedding, image, audio, moderation) whenever
 * {@code spring.ai.model.<kind>} is not set, and OpenAI's client refuses to be built without a
 * key; this sets every kind to {@code none}, and the chat model to {@code rxflow.llm.provider} when
 * the mode is shadow or primary, pointed at {@code rxflow.llm.base-url} when one is given.
 *
 * <p>An environment post-processor rather than lines in tools-service.yml for two reasons: the
 * choice depends on two settings at once, which a YAML file cannot express; and the launcher runs
 * the four services in one JVM on one class path, where Spring AI's auto-configuration would
 * otherwise switch itself on in the gateway, the processor and escalation-service too (registered
 * in {@code META-INF/spring.factories}, this runs for every application on the class path, and for
 * those, which never set the mode, it means off). Its values come last, so a setting of
 * {@code spring.ai.model.*} an operator makes still wins.
 */
public final class LanguageModelSelection implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "rxflow-llm-selection";
    static final String CHAT_MODEL = "spring.ai.model.chat";
    /** Spring AI's selectors of the other kinds of model its OpenAI and Ollama starters carry. */
    static final List<String> OTHER_MODELS = List.of("spring.ai.model.embedding", "spring.ai.model.image",
            "spring.ai.model.audio.speech", "spring.ai.model.audio.transcription", "spring.ai.model.moderation");
    static final String NONE = "none";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, selection(environment)));
    }

    /** Spring AI's settings for the language model this environment asks for. */
    static Map<String, Object> selection(Environment environment) {
        Map<String, Object> selection = new LinkedHashMap<>();
        OTHER_MODELS.forEach(kind -> selection.put(kind, NONE));
        LanguageModelProperties settings = settings(environment);
        if (settings == null || !settings.mode().on()) {
            selection.put(CHAT_MODEL, NONE);
            return selection;
        }
        Provider provider = settings.provider();
        selection.put(CHAT_MODEL, provider.id());
        selection.put("spring.ai." + provider.id() + ".base-url", settings.effectiveBaseUrl());
        return selection;
    }

    /** Whether this environment switches the language model on. */
    static boolean on(Environment environment) {
        LanguageModelProperties settings = settings(environment);
        return settings != null && settings.mode().on();
    }

    /**
     * The settings as bound, or null when they cannot be: then no model is selected here, and the
     * binding of {@link LanguageModelProperties} stops the start naming the wrong value.
     */
    private static LanguageModelProperties settings(Environment environment) {
        try {
            LanguageModelProperties settings = Binder.get(environment)
                    .bindOrCreate("rxflow.llm", LanguageModelProperties.class);
            return settings.mode() == null || settings.provider() == null ? null : settings;
        } catch (BindException e) {
            return null;
        }
    }
}
