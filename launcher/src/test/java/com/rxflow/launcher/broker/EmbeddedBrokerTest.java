package com.rxflow.launcher.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {

    private static final String TOPIC = "rxflow.launcher.test";

    private final Path dataDir = Path.of("target", "embedded-broker-test", UUID.randomUUID().toString());

    @Test
    void keepsTopicsRecordsAndClusterAcrossARestartOnTheSameFolder() throws Exception {
        String clusterId;
        try (EmbeddedBroker broker = new EmbeddedBroker(dataDir, 0).start()) {
            assertThat(broker.port()).isPositive();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
                clusterId = admin.describeCluster().clusterId().get();
            }
            produceInATransaction(broker, "conversation-1", "hello");
            assertThatThrownBy(() -> new EmbeddedBroker(dataDir, 0).start())
                    .hasMessageContaining("Another broker is using the Kafka data folder");
            // a consumer group needs the offsets topic, which only exists when it fits on one broker
            assertThat(readAll(broker, "first-reader")).containsExactly("conversation-1=hello");
        }

        try (EmbeddedBroker broker = new EmbeddedBroker(dataDir, 0).start()) {
            try (Admin admin = admin(broker)) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
                assertThat(admin.listTopics().names().get()).contains(TOPIC);
            }
            assertThat(readAll(broker, "second-reader")).containsExactly("conversation-1=hello");
            assertNoTopicIsCreatedBySubscribingTo("rxflow.no-such-topic", broker);
        }
    }

    @Test
    void refusesABusyPortBeforeTouchingTheDataFolder() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedBroker broker = new EmbeddedBroker(dataDir, taken.getLocalPort());

            assertThatThrownBy(broker::start).hasMessage("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
            assertThat(broker.isRunning()).isFalse();
            assertThat(dataDir).doesNotExist();
        }
    }

    private static void assertNoTopicIsCreatedBySubscribingTo(String topic, EmbeddedBroker broker) throws Exception {
        try (KafkaConsumer<String, String> consumer = consumer(broker, "typo-reader")) {
            consumer.subscribe(Set.of(topic));
            consumer.poll(Duration.ofMillis(300));
        }
        try (Admin admin = admin(broker)) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    private static Admin admin(EmbeddedBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** Transactional, because the conversation processor is exactly-once: the transaction log must fit too. */
    private static void produceInATransaction(EmbeddedBroker broker, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test"),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, key, value));
            producer.commitTransaction();
        }
    }

    private static List<String> readAll(EmbeddedBroker broker, String group) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(broker, group)) {
            consumer.subscribe(Set.of(TOPIC));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(record.key() + "=" + record.value());
                }
                return !seen.isEmpty();
            });
            consumer.commitSync();
        }
        return seen;
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedBroker broker, String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
    }
}
