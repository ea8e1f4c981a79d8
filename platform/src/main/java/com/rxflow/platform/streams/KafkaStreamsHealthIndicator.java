package com.rxflow.platform.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Up while the Kafka Streams app is RUNNING. During a rebalance or state restoration it is out of
 * service, because interactive queries would not find the keys yet; part of the readiness group.
 */
public class KafkaStreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsBuilderFactoryBean factoryBean;

    public KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
        super("Kafka Streams is not running");
        this.factoryBean = factoryBean;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaStreams streams = factoryBean.getKafkaStreams();
        KafkaStreams.State state = streams == null ? null : streams.state();
        builder.withDetail("state", state == null ? "NOT_STARTED" : state.name());
        if (state == KafkaStreams.State.RUNNING) {
            builder.up();
        } else if (state == null || state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED) {
            builder.outOfService();
        } else {
            builder.down();
        }
    }
}
