package com.rxflow.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import com.rxflow.escalation.cases.SlaPolicy;

class EscalationPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void theSlasDefaultToFourHoursThirtyMinutesAndFiveMinutes() {
        context.run(ctx -> assertThat(ctx.getBean(EscalationProperties.class).sla().policy())
                .isEqualTo(new SlaPolicy(Duration.ofHours(4), Duration.ofMinutes(30), Duration.ofMinutes(5))));
    }

    @Test
    void anSlaCanBeConfigured() {
        context.withPropertyValues("rxflow.escalation.sla.urgent=2m")
                .run(ctx -> assertThat(ctx.getBean(EscalationProperties.class).sla().urgent())
                        .isEqualTo(Duration.ofMinutes(2)));
    }

    @Test
    void aZeroSlaStopsTheServiceAtStartUp() {
        context.withPropertyValues("rxflow.escalation.sla.high=0s")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .hasStackTraceContaining("rxflow.escalation.sla.high"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EscalationProperties.class)
    static class PropertiesOnly {
    }
}
