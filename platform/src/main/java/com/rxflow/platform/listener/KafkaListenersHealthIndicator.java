package com.rxflow.platform.listener;

import java.util.Collection;

import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Up once every listener container runs and owns partitions, which means the broker answered
 * and the consumer group formed. Part of the readiness group, so traffic waits for Kafka. (An
 * instance beyond the partition count owns none and stays out of service until a rebalance
 * gives it work.)
 */
public class KafkaListenersHealthIndicator extends AbstractHealthIndicator {

    private final KafkaListenerEndpointRegistry registry;

    public KafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        super("Kafka listeners are not ready");
        this.registry = registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean ready = true;
        for (MessageListenerContainer container : registry.getAllListenerContainers()) {
            Collection<TopicPartition> assigned = container.getAssignedPartitions();
            boolean containerReady = container.isRunning() && assigned != null && !assigned.isEmpty();
            builder.withDetail(container.getListenerId(), containerReady
                    ? "assigned " + assigned.size() + " partitions" : "not assigned");
            ready &= containerReady;
        }
        if (ready) {
            builder.up();
        } else {
            builder.outOfService();
        }
    }
}
