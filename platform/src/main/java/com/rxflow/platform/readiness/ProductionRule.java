package com.rxflow.platform.readiness;

import java.util.List;

/**
 * One service's own conditions for running in production, checked by {@link ProductionReadiness}
 * at start-up under the {@code prod} profile. A service declares its rules as beans; the platform
 * declares those every service shares (the pseudonym key, replication).
 */
@FunctionalInterface
public interface ProductionRule {

    /** What is wrong, one entry per setting; empty when the rule is satisfied. */
    List<Violation> check();

    /**
     * @param setting the property to change, as an operator sets it (for example
     *                {@code rxflow.kafka.topics.replication-factor})
     * @param problem what is wrong with it and what production needs
     */
    record Violation(String setting, String problem) {

        @Override
        public String toString() {
            return setting + ": " + problem;
        }
    }
}
