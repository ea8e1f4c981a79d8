package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tools.AdherenceQuery;
import com.rxflow.events.tools.CoverageQuery;
import com.rxflow.events.tools.DrugLookupQuery;
import com.rxflow.events.tools.InteractionQuery;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.events.tools.PharmacySearch;
import com.rxflow.events.tools.PriceQuery;
import com.rxflow.schemas.serde.AvroSerializer;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.data.SyntheticPatients;
import com.rxflow.tools.invocation.TestCommands;

/**
 * Tool calls per second on this machine: the whole service (three listener threads, one Kafka
 * transaction per command, request log, results) against a real in-process KRaft broker, driven
 * by a producer sending a mix of read tools for synthetic patients. Not part of the default run:
 *
 * <pre>./mvnw -q -pl tools-service -am verify -Dtest=ToolThroughputBenchmark -Drxflow.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * The figure is printed and written to {@code tools-service/target/benchmark.txt}.
 */
@ToolsServiceKafkaTest
@TestPropertySource(properties = {"rxflow.tools.data.synthetic-patients=1000", "rxflow.tools.listener.concurrency=3"})
@EnabledIfSystemProperty(named = "rxflow.benchmark", matches = "true")
class ToolThroughputBenchmark {

    private static final int WARM_UP = Integer.getInteger("rxflow.benchmark.warm-up", 2_000);
    private static final int CALLS = Integer.getInteger("rxflow.benchmark.calls", 20_000);
    private static final int CONVERSATIONS = 300;

    private static final List<Map.Entry<String, Function<SplittableRandom, SpecificRecord>>> MIX = List.of(
            Map.entry("medication_history", random -> MedicationHistoryQuery.newBuilder().build()),
            Map.entry("adherence", random -> AdherenceQuery.newBuilder().setMedication("lisinopril").build()),
            Map.entry("interaction_check", random -> InteractionQuery.newBuilder().setMedication("ibuprofen").build()),
            Map.entry("compare_prices", random -> PriceQuery.newBuilder().setMedication("omeprazole").build()),
            Map.entry("find_pharmacies", random -> PharmacySearch.newBuilder().setMedication("metformin").build()),
            Map.entry("coverage", random -> CoverageQuery.newBuilder().setMedication("Eliquis").build()),
            Map.entry("drug_lookup", random -> DrugLookupQuery.newBuilder().setTerm("metforman").build()));

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private TopicCatalogue catalogue;

    @Test
    void toolCallsPerSecond() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        drive("warm-" + run, WARM_UP);
        long started = System.nanoTime();
        drive("bench-" + run, CALLS);
        double seconds = (System.nanoTime() - started) / 1e9;
        String figure = String.format(Locale.ROOT, "%d tool calls in %.1f s: %.0f tool calls/s (3 listener threads, "
                + "one transaction per call, %d cores)", CALLS, seconds, CALLS / seconds, Runtime.getRuntime().availableProcessors());
        System.out.println(figure);
        Files.writeString(Path.of("target", "benchmark.txt"), figure + System.lineSeparator());
    }

    /** Sends the calls and waits until as many committed results of this batch are readable. */
    private void drive(String prefix, int calls) {
        String commands = catalogue.name(TopicCatalogue.TOOL_COMMANDS);
        String results = catalogue.name(TopicCatalogue.TOOL_RESULTS);
        try (KafkaConsumer<String, byte[]> consumer = resultsReader();
                KafkaProducer<String, ToolCommand> producer = commandsWriter()) {
            List<TopicPartition> partitions = consumer.partitionsFor(results).stream()
                    .map(info -> new TopicPartition(results, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < calls; i++) {
                String conversation = prefix + "-" + (i % CONVERSATIONS);
                String patient = SyntheticPatients.id(1 + (i % CONVERSATIONS));
                Map.Entry<String, Function<SplittableRandom, SpecificRecord>> tool = MIX.get(i % MIX.size());
                producer.send(new ProducerRecord<>(commands, conversation,
                        TestCommands.invokeTool(conversation, patient, tool.getKey(), tool.getValue().apply(random))));
            }
            producer.flush();
            int answered = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (answered < calls && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(prefix)) {
                        answered++;
                    }
                }
            }
            assertThat(answered).isEqualTo(calls);
        }
    }

    private KafkaProducer<String, ToolCommand> commandsWriter() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new AvroSerializer<>());
    }

    private KafkaConsumer<String, byte[]> resultsReader() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
