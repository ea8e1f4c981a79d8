package com.rxflow.platform.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Down once the Kafka Streams client has stopped for good (it shut down after a stream thread
 * died, or is in error), so that the liveness probe restarts an instance that would otherwise stay
 * up while processing nothing. Up while the client starts, rebalances or runs; a rebalance or a
 * restoration is the readiness group's business ({@link KafkaStreamsHealthIndicator}), not a reason
 * to restart. Part of the liveness group.
 *
 * <p>Before the application starts the client (no client yet, or CREATED) the service is starting,
 * not dead: up. While the application stops, the client's PENDING_SHUTDOWN and NOT_RUNNING are down,
 * which is only seen by a probe that asks a stopping instance.
 */
public class KafkaStreamsLivenessIndicator extends AbstractHealthIndicator {

    private final StreamsBuilderFactoryBean factoryBean;

    public KafkaStreamsLivenessIndicator(StreamsBuilderFactoryBean factoryBean) {
        super("Kafka Streams' state could not be read");
        this.factoryBean = factoryBean;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaStreams streams = factoryBean.getKafkaStreams();
        KafkaStreams.State state = streams == null ? null : streams.state();
        builder.withDetail("state", state == null ? "NOT_STARTED" : state.name());
        if (state == null || state == KafkaStreams.State.CREATED || state.isRunningOrRebalancing()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
