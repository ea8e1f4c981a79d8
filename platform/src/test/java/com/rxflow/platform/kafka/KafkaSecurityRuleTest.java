package com.rxflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import com.rxflow.platform.logging.PseudonymProperties;
import com.rxflow.platform.readiness.ProductionReadinessException;
import com.rxflow.platform.readiness.ProductionRule;
import com.rxflow.platform.readiness.ReadinessConfiguration;

/** The prod profile refuses plaintext and anonymous Kafka connections, before any client is built. */
class KafkaSecurityRuleTest {

    private static final String[] OTHERWISE_READY = {"spring.application.name=test-service",
            "spring.profiles.active=prod", "rxflow.logging.pseudonym-key=0123456789abcdef0123456789abcdef",
            "rxflow.kafka.topics.replication-factor=3", "rxflow.kafka.topics.min-insync-replicas=2"};

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, ReadinessConfiguration.class)
            .withPropertyValues(OTHERWISE_READY);

    @Test
    void theProductionProfileRefusesPlaintextKafkaAndNamesTheSetting() {
        context.run(started -> assertThat(failure(started).getMessage()).isEqualTo("test-service refuses to start "
                + "with the 'prod' profile: spring.kafka.security.protocol: is PLAINTEXT; production needs SASL_SSL "
                + "(or SSL with a client certificate): a plaintext or unauthenticated Kafka connection lets anything on "
                + "the network read every patient's messages and write any service's records (docs/security.md)"));
    }

    @Test
    void theProductionProfileRefusesSaslWithoutTls() {
        context.withPropertyValues("spring.kafka.security.protocol=SASL_PLAINTEXT")
                .run(started -> assertThat(failure(started).getMessage())
                        .contains("spring.kafka.security.protocol: is SASL_PLAINTEXT; production needs SASL_SSL"));
    }

    @Test
    void theProductionProfileRefusesTlsWithoutAClientCertificate() {
        context.withPropertyValues("spring.kafka.security.protocol=SSL")
                .run(started -> assertThat(failure(started).getMessage())
                        .contains("spring.kafka.security.protocol: is SSL without a client certificate"));
    }

    @Test
    void oneClientLeftInPlaintextIsNamedOnItsOwn() {
        context.withPropertyValues("spring.kafka.security.protocol=SASL_SSL",
                        "spring.kafka.streams.security.protocol=PLAINTEXT")
                .run(started -> assertThat(((ProductionReadinessException) failure(started)).violations())
                        .extracting(ProductionRule.Violation::setting)
                        .containsExactly("spring.kafka.streams.security.protocol"));
    }

    @Test
    void saslOverTlsStarts() {
        context.withPropertyValues("spring.kafka.security.protocol=SASL_SSL")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void tlsWithAClientCertificateStarts() {
        context.withPropertyValues("spring.kafka.security.protocol=SSL",
                        "spring.kafka.ssl.key-store-location=file:/etc/rxflow/kafka/gateway.p12")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void outsideProductionPlaintextStillStarts() {
        context.withPropertyValues("spring.profiles.active=local").run(started -> assertThat(started).hasNotFailed());
    }

    private static Throwable failure(org.springframework.boot.test.context.assertj.AssertableApplicationContext started) {
        assertThat(started).hasFailed();
        return NestedExceptionUtils.getMostSpecificCause(started.getStartupFailure());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({KafkaProperties.class, RxflowKafkaProperties.class, PseudonymProperties.class})
    static class Settings {
        @Bean
        ProductionRule kafkaSecurityRule(KafkaProperties kafka) {
            return new KafkaSecurityRule(kafka);
        }
    }
}
