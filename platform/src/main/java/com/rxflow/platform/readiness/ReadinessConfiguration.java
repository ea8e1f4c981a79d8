package com.rxflow.platform.readiness;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.rxflow.platform.kafka.RxflowKafkaProperties;
import com.rxflow.platform.logging.PseudonymProperties;

/**
 * The production rules every service shares, and the check that applies them with the services' own.
 */
@Configuration(proxyBeanMethods = false)
public class ReadinessConfiguration {

    /** Fewer replicas than this and one broker's loss can lose acknowledged patient messages. */
    public static final int MIN_REPLICATION_FACTOR = 3;
    public static final int MIN_INSYNC_REPLICAS = 2;
    /** Shorter than this and the keyed hash can be brute-forced; 32 random bytes as hex are 64 characters. */
    public static final int MIN_PSEUDONYM_KEY_LENGTH = 32;
    /** The profile of {@code ./rxflow up}, which accepts the documented development keys. */
    public static final String LOCAL_PROFILE = "local";

    @Bean
    ProductionReadiness productionReadiness(Environment environment, ObjectProvider<ProductionRule> rules) {
        return new ProductionReadiness(environment, rules);
    }

    /**
     * The {@code local} profile accepts the documented development keys and passwords; with
     * {@code prod} active too they would open a production deployment.
     */
    @Bean
    ProductionRule notLocalRule(Environment environment) {
        return () -> environment.matchesProfiles(LOCAL_PROFILE)
                ? List.of(new ProductionRule.Violation("spring.profiles.active", "includes '" + LOCAL_PROFILE
                        + "' with '" + ProductionReadiness.PROFILE + "' (active profiles: "
                        + List.of(environment.getActiveProfiles()) + "); the local profile accepts the documented "
                        + "development keys and passwords, so production never runs with it"))
                : List.of();
    }

    @Bean
    ProductionRule pseudonymKeyRule(PseudonymProperties logging) {
        return () -> {
            String key = logging.pseudonymKey();
            if (key == null || key.isBlank()) {
                return List.of(new ProductionRule.Violation("rxflow.logging.pseudonym-key",
                        "is not set; production logs pseudonymise patient ids with this secret (RXFLOW_LOGGING_PSEUDONYMKEY)"));
            }
            if (key.length() < MIN_PSEUDONYM_KEY_LENGTH) {
                return List.of(new ProductionRule.Violation("rxflow.logging.pseudonym-key", "is " + key.length()
                        + " characters; production needs at least " + MIN_PSEUDONYM_KEY_LENGTH
                        + " (openssl rand -hex 32)"));
            }
            return List.of();
        };
    }

    @Bean
    ProductionRule topicReplicationRule(RxflowKafkaProperties kafka) {
        return () -> {
            List<ProductionRule.Violation> violations = new ArrayList<>();
            RxflowKafkaProperties.Topics topics = kafka.topics();
            if (topics.replicationFactor() < MIN_REPLICATION_FACTOR) {
                violations.add(new ProductionRule.Violation("rxflow.kafka.topics.replication-factor",
                        "is " + topics.replicationFactor() + "; production needs at least " + MIN_REPLICATION_FACTOR));
            }
            if (topics.minInsyncReplicas() < MIN_INSYNC_REPLICAS) {
                violations.add(new ProductionRule.Violation("rxflow.kafka.topics.min-insync-replicas",
                        "is " + topics.minInsyncReplicas() + "; production needs at least " + MIN_INSYNC_REPLICAS
                                + " so that an acknowledged write is on two brokers"));
            }
            return violations;
        };
    }
}
