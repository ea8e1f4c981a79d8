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

    /** Stops the broker and waits for it; safe to call more than once. */
    @Override
    void close();
}
