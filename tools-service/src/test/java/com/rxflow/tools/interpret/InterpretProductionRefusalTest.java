package com.rxflow.tools.interpret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.core.NestedExceptionUtils;

import com.rxflow.platform.readiness.ProductionReadinessException;
import com.rxflow.platform.readiness.ProductionRule;
import com.rxflow.tools.ToolsServiceApplication;

/**
 * The real tools-service, started with the {@code prod} profile as compose and Kubernetes start
 * it, refuses an OpenAI model switched on without a key, and names the setting, before it touches
 * Kafka; with the model off (the default) the key is not asked for.
 */
class InterpretProductionRefusalTest {

    @Test
    void productionRefusesAnOpenAiModelSwitchedOnWithoutAKey() {
        assertThatThrownBy(() -> start("--rxflow.llm.mode=primary", "--rxflow.llm.model=gpt-4o-mini", "--rxflow.llm.api-key="))
                .satisfies(failure -> {
                    ProductionReadinessException refusal = refusal(failure);
                    assertThat(refusal.violations()).extracting(ProductionRule.Violation::setting).contains("rxflow.llm.api-key");
                    assertThat(refusal.getMessage()).contains("rxflow.llm.api-key: is empty while rxflow.llm.mode is primary "
                            + "with provider openai; set LLM_API_KEY, or LLM_MODE=off");
                });
    }

    @Test
    void withTheModelOffProductionAsksForNoKey() {
        assertThatThrownBy(() -> start("--rxflow.llm.api-key="))
                .satisfies(failure -> assertThat(refusal(failure).violations()).extracting(ProductionRule.Violation::setting)
                        .isNotEmpty().doesNotContain("rxflow.llm.api-key"));
    }

    /** Started as production starts it, with this machine's development settings (so refused for those too). */
    private static void start(String... arguments) {
        ToolsServiceApplication.application()
                .properties("spring.main.web-application-type=none",
                        "logging.level.org.springframework.boot.SpringApplication=off",
                        "spring.kafka.bootstrap-servers=127.0.0.1:9",
                        "rxflow.service-key=tools-test-service-key-0123456789abcdef")
                .profiles("prod")
                .run(arguments)
                .close();
    }

    private static ProductionReadinessException refusal(Throwable failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        assertThat(cause).isInstanceOf(ProductionReadinessException.class)
                .hasMessageStartingWith("tools-service refuses to start with the 'prod' profile: ");
        return (ProductionReadinessException) cause;
    }
}
