package com.rxflow.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.platform.testing.BrokerProbes;
import com.rxflow.schemas.serde.SerdeSettings;

/**
 * On a real broker under exactly-once: a value too large to write, refused by {@link BoundedSerializer}
 * before the producer sees it, is dead-lettered once by the production exception handler and the
 * stream goes on with the next record. (Left to the producer, the same record is dead-lettered too,
 * but the producer's error state fails the task's commit and the stream thread dies: Kafka 4.1.)
 */
@EmbeddedKafka(partitions = 1, topics = {"in", "out", "dlt"},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class ProductionExceptionHandlerOnBrokerTest {

    @Test
    void aValueTooLargeToWriteUnderExactlyOnceIsDeadLetteredOnceAndTheNextRecordStillGoesThrough(
            EmbeddedKafkaBroker broker) throws Exception {
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString());
        DeadLetters deadLetters = new DeadLetters("dlt", producerConfig, SerdeSettings.DEFAULT);
        try {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                    .mapValues(value -> value.equals("big") ? "x".repeat(2_000_000) : value)
                    .to("out", Produced.with(Serdes.String(), Serdes.serdeFrom(
                            BoundedSerializer.of(new StringSerializer()), new StringDeserializer())));
            Properties config = BrokerProbes.exactlyOnceStreams(broker, "production-handler");
            config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    DeadLetterProductionExceptionHandler.class);
            config.put(DeadLetters.CONFIG, deadLetters);
            try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
                List<KafkaStreams.State> states = new ArrayList<>();
                streams.setStateListener((now, before) -> states.add(now));
                streams.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
                try (KafkaProducer<String, String> input = new KafkaProducer<>(KafkaTestUtils.producerProps(broker),
                        new StringSerializer(), new StringSerializer())) {
                    input.send(new ProducerRecord<>("in", "k1", "big")).get();
                    input.send(new ProducerRecord<>("in", "k2", "small")).get();
                }

                List<ConsumerRecord<String, byte[]>> dead = readAll(broker, "dlt", Duration.ofSeconds(20), 1);
                List<ConsumerRecord<String, byte[]>> out = readAll(broker, "out", Duration.ofSeconds(20), 1);

                assertThat(dead).singleElement().satisfies(letter -> {
                    assertThat(letter.key()).isEqualTo("k1");
                    assertThat(letter.value()).as("too large for the dead-letter topic too").isNull();
                    assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                            java.nio.charset.StandardCharsets.UTF_8)).contains("2000000 bytes for out is larger");
                });
                assertThat(out).extracting(ConsumerRecord::key).as("the next record went through; states " + states)
                        .containsExactly("k2");
                assertThat(streams.state()).as("states " + states).isEqualTo(KafkaStreams.State.RUNNING);
            }
        } finally {
            deadLetters.destroy();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(EmbeddedKafkaBroker broker, String topic,
            Duration within, int atLeast) {
        Map<String, Object> props = BrokerProbes.readCommittedConsumer(broker);
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && seen.size() < atLeast) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            // a little longer, for duplicates
            long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        }
        return seen;
    }
}
