package com.rxflow.platform.readiness;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a service under the {@code prod} profile (as docker-compose and the Kubernetes
 * prod overlay run it) while any {@link ProductionRule} is broken: development keys or passwords,
 * a missing secret, topics that one broker failure could lose. Runs while the context is created,
 * before any Kafka client starts, and names every wrong setting at once, so one restart fixes all.
 */
public final class ProductionReadiness {

    public static final String PROFILE = "prod";

    /**
     * @throws ProductionReadinessException under the {@code prod} profile when a rule is broken
     */
    public ProductionReadiness(Environment environment, ObjectProvider<ProductionRule> rules) {
        if (!environment.matchesProfiles(PROFILE)) {
            return;
        }
        List<ProductionRule.Violation> violations = new ArrayList<>();
        rules.orderedStream().forEach(rule -> violations.addAll(rule.check()));
        if (!violations.isEmpty()) {
            throw new ProductionReadinessException(environment.getProperty("spring.application.name", "the service"),
                    violations);
        }
    }
}
