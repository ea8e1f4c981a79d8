package com.rxflow.platform.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import com.rxflow.platform.kafka.RxflowKafkaProperties;
import com.rxflow.platform.logging.PseudonymProperties;

/** The shared production rules, and that a service's own rules join them. */
class ProductionReadinessTest {

    private static final String KEY = "rxflow.logging.pseudonym-key=0123456789abcdef0123456789abcdef";
    private static final String REPLICATED = "rxflow.kafka.topics.replication-factor=3";
    private static final String MIN_ISR = "rxflow.kafka.topics.min-insync-replicas=2";

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, ReadinessConfiguration.class)
            .withPropertyValues("spring.application.name=test-service");

    @Test
    void theProductionProfileRefusesAMissingPseudonymKeyAndSaysWhichSetting() {
        context.withPropertyValues("spring.profiles.active=prod", REPLICATED, MIN_ISR)
                .run(started -> assertThat(failure(started)).hasMessage("test-service refuses to start with the 'prod' "
                        + "profile: rxflow.logging.pseudonym-key: is not set; production logs pseudonymise patient ids "
                        + "with this secret (RXFLOW_LOGGING_PSEUDONYMKEY)"));
    }

    @Test
    void theProductionProfileRefusesAShortPseudonymKey() {
        context.withPropertyValues("spring.profiles.active=prod", REPLICATED, MIN_ISR,
                "rxflow.logging.pseudonym-key=changeme")
                .run(started -> assertThat(failure(started).getMessage())
                        .contains("rxflow.logging.pseudonym-key: is 8 characters; production needs at least 32"));
    }

    @Test
    void theProductionProfileRefusesTopicsWithFewerThanThreeReplicas() {
        context.withPropertyValues("spring.profiles.active=prod", KEY, MIN_ISR,
                "rxflow.kafka.topics.replication-factor=2")
                .run(started -> assertThat(failure(started).getMessage())
                        .endsWith("rxflow.kafka.topics.replication-factor: is 2; production needs at least 3"));
    }

    @Test
    void everyWrongSettingIsNamedAtOnce() {
        context.withPropertyValues("spring.profiles.active=prod")
                .run(started -> assertThat(((ProductionReadinessException) failure(started)).violations())
                        .extracting(ProductionRule.Violation::setting)
                        .containsExactlyInAnyOrder("rxflow.logging.pseudonym-key",
                                "rxflow.kafka.topics.replication-factor", "rxflow.kafka.topics.min-insync-replicas"));
    }

    @Test
    void aServicesOwnRuleIsCheckedWithTheSharedOnes() {
        context.withUserConfiguration(ServiceRule.class).withPropertyValues("spring.profiles.active=prod", KEY,
                REPLICATED, MIN_ISR)
                .run(started -> assertThat(failure(started).getMessage())
                        .endsWith("rxflow.test.password: is the development password"));
    }

    @Test
    void aCorrectProductionSetupStarts() {
        context.withPropertyValues("spring.profiles.active=prod", KEY, REPLICATED, MIN_ISR)
                .run(started -> assertThat(started).hasNotFailed().hasSingleBean(ProductionReadiness.class));
    }

    @Test
    void theProductionProfileRefusesToRunWithTheLocalProfileToo() {
        context.withPropertyValues("spring.profiles.active=prod,local", KEY, REPLICATED, MIN_ISR)
                .run(started -> assertThat(failure(started).getMessage()).startsWith(
                        "test-service refuses to start with the 'prod' profile: spring.profiles.active: includes "
                                + "'local' with 'prod' (active profiles: [prod, local])"));
    }

    @Test
    void otherProfilesAreNotHeldToProductionRules() {
        context.withPropertyValues("spring.profiles.active=dev")
                .run(started -> assertThat(started).hasNotFailed());
        context.run(started -> assertThat(started).hasNotFailed());
    }

    private static Throwable failure(org.springframework.boot.test.context.assertj.AssertableApplicationContext started) {
        assertThat(started).hasFailed();
        return NestedExceptionUtils.getMostSpecificCause(started.getStartupFailure());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({RxflowKafkaProperties.class, PseudonymProperties.class})
    static class Properties {
    }

    @Configuration(proxyBeanMethods = false)
    static class ServiceRule {
        @Bean
        ProductionRule developmentPassword() {
            return () -> java.util.List.of(new ProductionRule.Violation("rxflow.test.password",
                    "is the development password"));
        }
    }
}
