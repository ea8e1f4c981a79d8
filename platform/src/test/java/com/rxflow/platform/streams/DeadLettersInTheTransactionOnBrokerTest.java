package com.rxflow.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
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
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.platform.testing.BrokerProbes;
import com.rxflow.schemas.serde.SerdeSettings;

/**
 * On a real broker under exactly-once: a record that fails processing is dead-lettered, then the
 * task crashes before its transaction commits, and the record is processed again by the thread that
 * replaces the crashed one. The dead letter was written in the aborted transaction, so it vanished
 * with it; the retry writes it again, and a read_committed reader of the dead-letter topic sees it
 * once. (When the handlers published through the dead letters' own non-transactional producer, the
 * first dead letter was committed at once and survived the abort: two dead letters for one record.)
 */
@EmbeddedKafka(partitions = 1, topics = {"dlq-in", "dlq-out", "dlq-dlt"},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class DeadLettersInTheTransactionOnBrokerTest {

    /** Thrown once, like a crash: no exception handler sees it, and the stream thread dies uncommitted. */
    private static final class Crash extends Error {
        Crash() {
            super("the instance crashed before the transaction committed");
        }
    }

    @Test
    void aDeadLetterWrittenBeforeTheTaskCrashedIsSeenOnceByAReadCommittedReaderAfterTheRetry(EmbeddedKafkaBroker broker)
            throws Exception {
        DeadLetters deadLetters = new DeadLetters("dlq-dlt",
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), SerdeSettings.DEFAULT);
        AtomicInteger poisonAttempts = new AtomicInteger();
        AtomicInteger crashes = new AtomicInteger();
        try {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("dlq-in", Consumed.with(Serdes.String(), Serdes.String()))
                    .mapValues(value -> {
                        if (value.equals("poison")) {
                            poisonAttempts.incrementAndGet();
                            throw new IllegalArgumentException("a poison record");
                        }
                        if (value.equals("crash") && crashes.getAndIncrement() == 0) {
                            throw new Crash();
                        }
                        return value;
                    })
                    .to("dlq-out", Produced.with(Serdes.String(), Serdes.String()));
            Properties config = BrokerProbes.exactlyOnceStreams(broker, "dead-letters-in-transaction");
            // long enough that the poison record and the crash fall into one transaction
            config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 5_000);
            config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                    DeadLetterProcessingExceptionHandler.class);
            config.put(DeadLetters.CONFIG, deadLetters);
            // the crashed thread's consumer does not leave the group: its partition moves on after this
            config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);

            // all three are in the topic before the app starts: they come in one fetch, one transaction
            try (KafkaProducer<String, String> input = new KafkaProducer<>(KafkaTestUtils.producerProps(broker),
                    new StringSerializer(), new StringSerializer())) {
                input.send(new ProducerRecord<>("dlq-in", "k1", "poison"));
                input.send(new ProducerRecord<>("dlq-in", "k2", "crash"));
                input.send(new ProducerRecord<>("dlq-in", "k3", "fine")).get();
            }
            try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
                streams.setUncaughtExceptionHandler(died -> StreamThreadExceptionResponse.REPLACE_THREAD);
                streams.start();

                List<ConsumerRecord<String, byte[]>> out = readCommitted(broker, "dlq-out", 2);
                List<ConsumerRecord<String, byte[]>> dead = readCommitted(broker, "dlq-dlt", 1);

                assertThat(crashes).as("the crash happened once, and the retry passed the record").hasValue(2);
                assertThat(poisonAttempts).as("the poison record was processed, and again after the crash")
                        .hasValue(2);
                assertThat(out).extracting(ConsumerRecord::key).containsExactly("k2", "k3");
                assertThat(dead).extracting(ConsumerRecord::key).as("one dead letter for one poison record")
                        .containsExactly("k1");
                assertThat(dead).singleElement().satisfies(letter -> {
                    assertThat(letter.key()).isEqualTo("k1");
                    assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("poison");
                    assertThat(new String(letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value(),
                            StandardCharsets.UTF_8)).isEqualTo("dlq-in");
                    assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                            StandardCharsets.UTF_8)).isEqualTo("IllegalArgumentException: a poison record");
                });
            }
        } finally {
            deadLetters.destroy();
        }
    }

    /** What a read_committed reader sees: waits for at least so many, then a while longer for duplicates. */
    private static List<ConsumerRecord<String, byte[]>> readCommitted(EmbeddedKafkaBroker broker, String topic,
            int atLeast) {
        Map<String, Object> props = BrokerProbes.readCommittedConsumer(broker);
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.size() >= atLeast;
            });
            long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        }
        return seen;
    }
}
