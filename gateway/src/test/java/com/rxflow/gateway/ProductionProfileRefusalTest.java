package com.rxflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.NestedExceptionUtils;

import com.rxflow.platform.readiness.ProductionReadinessException;
import com.rxflow.platform.readiness.ProductionRule;

/**
 * The real gateway, started with the {@code prod} profile as compose and Kubernetes start it,
 * refuses a development setup and names every setting to change, before it opens a port or
 * touches Kafka. (The documented development keys: {@code DevelopmentKeyRefusalTest}.)
 */
class ProductionProfileRefusalTest {

    @Test
    void theGatewayRefusesProductionWithoutItsSecretsReplicationAndClients() {
        SpringApplication gateway = GatewayApplication.application()
                .properties("spring.main.web-application-type=none",
                        "logging.level.org.springframework.boot.SpringApplication=off",
                        "spring.kafka.bootstrap-servers=127.0.0.1:9",
                        "rxflow.service-key=gateway-test-service-key-0123456789abcdef")
                .profiles("prod")
                .build();

        assertThatThrownBy(gateway::run).satisfies(failure -> {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
            assertThat(cause).isInstanceOf(ProductionReadinessException.class)
                    .hasMessageStartingWith("gateway refuses to start with the 'prod' profile: ");
            assertThat(((ProductionReadinessException) cause).violations()).extracting(ProductionRule.Violation::setting)
                    .containsExactlyInAnyOrder("rxflow.logging.pseudonym-key", "rxflow.kafka.topics.replication-factor",
                            "rxflow.kafka.topics.min-insync-replicas", "rxflow.gateway.clients",
                            "rxflow.gateway.identity.issuer-uri", "spring.kafka.security.protocol");
        });
    }

    @Test
    void theGatewayRefusesToRunTheProductionAndLocalProfilesTogether() {
        SpringApplication gateway = GatewayApplication.application()
                .properties("spring.main.web-application-type=none",
                        "logging.level.org.springframework.boot.SpringApplication=off",
                        "spring.kafka.bootstrap-servers=127.0.0.1:9")
                .profiles("prod", "local")
                .build();

        assertThatThrownBy(gateway::run).satisfies(failure -> {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
            assertThat(cause).isInstanceOf(ProductionReadinessException.class);
            assertThat(((ProductionReadinessException) cause).violations()).extracting(ProductionRule.Violation::setting)
                    .contains("spring.profiles.active");
            assertThat(cause.getMessage()).contains("spring.profiles.active: includes 'local' with 'prod'");
        });
    }
}
