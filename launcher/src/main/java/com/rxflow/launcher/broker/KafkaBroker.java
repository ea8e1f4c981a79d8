package com.rxflow.launcher.broker;

/**
 * The Kafka a {@link com.rxflow.launcher.LocalStack} runs its services against: the embedded
 * broker by default, or another one (a container in tests on machines with Docker).
 */
public interface KafkaBroker extends AutoCloseable {

    /** Starts the broker and returns once clients can use it. */
    KafkaBroker start();

    String bootstrapServers();

    /** One line for the start-up status, for example where the broker keeps its data. */
    String description();

    boolean isRunning();

    /**
     * Settings a service needs on top of the bootstrap servers to be let in (credentials, trust
     * store), as Spring Boot properties; none for a broker that lets anyone in.
     */
    default java.util.Map<String, Object> clientProperties(String service) {
        return java.util.Map.of();
    }

    /** Stops the broker and waits for it; safe to call more than once. */
    @Override
    void close();
}
