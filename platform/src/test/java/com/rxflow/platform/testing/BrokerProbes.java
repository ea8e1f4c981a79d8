package com.rxflow.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * The client settings the on-broker tests repeat: a probe consumer that sees what a downstream
 * service would see, and a bare exactly-once Kafka Streams app. Shared with the services' tests
 * through this module's test-jar.
 */
public final class BrokerProbes {

    private BrokerProbes() {
    }

    /**
     * A consumer of its own group (so it reads every partition), from the earliest offset
     * ({@link KafkaTestUtils}' default), committed records only: what a downstream service reads of a transactional writer.
     */
    public static Map<String, Object> readCommittedConsumer(EmbeddedKafkaBroker broker) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "probe-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    /**
     * A Kafka Streams app of its own (application id {@code name-<uuid>}, state in a new temporary
     * folder) under exactly-once v2, committing every 50 ms; the test adds its handlers.
     */
    public static Properties exactlyOnceStreams(EmbeddedKafkaBroker broker, String name) throws IOException {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, name + "-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("streams").toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        return config;
    }
}
