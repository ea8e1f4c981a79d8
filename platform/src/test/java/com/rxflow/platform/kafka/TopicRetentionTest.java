package com.rxflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * Every topic is created with an explicit retention for its class and deleted by age, never
 * compacted, except the schema store and the patient keys (compacted, kept for ever); the durations are bound from {@code rxflow.kafka.topics.*} and validated; and the
 * Compose stack's {@code create-topics.sh} creates each topic with the same settings as the services.
 */
class TopicRetentionTest {

    private static final String SERVICE = "tools-service";
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RxflowKafkaProperties.class)
    static class Properties {
    }

    @Test
    void everyTopicIsCreatedWithTheRetentionOfItsClassAndDeletedByAgeButTheSchemaStoreAndPatientKeysCompactedForEver() {
        context.run(started -> {
            Map<String, Map<String, String>> topics = configs(started.getBean(RxflowKafkaProperties.class));

            assertThat(topics).hasSize(TopicCatalogue.ALL.size() + 1);
            assertThat(topics).allSatisfy((name, config) -> assertThat(config).as(name)
                    .containsEntry("cleanup.policy",
                            Set.of("rxflow.schemas", "rxflow.patient-keys").contains(name) ? "compact" : "delete")
                    .containsKey("retention.ms"));
            assertThat(topics.get("rxflow.schemas")).containsEntry("retention.ms", "-1");
            assertThat(topics.get("rxflow.patient-keys")).containsEntry("retention.ms", "-1")
                    .containsEntry("max.compaction.lag.ms", String.valueOf(DAY))
                    .containsEntry("delete.retention.ms", String.valueOf(DAY));
            assertThat(retentionDays(topics, "rxflow.audit-log")).isEqualTo(2192);
            assertThat(retentionDays(topics, "rxflow.audit-access")).isEqualTo(2192);
            assertThat(retentionDays(topics, "rxflow.conversation-events")).isEqualTo(2192);
            assertThat(retentionDays(topics, "rxflow.escalation-events")).isEqualTo(2192);
            assertThat(retentionDays(topics, "rxflow.pharmacy-orders")).isEqualTo(2192);
            assertThat(retentionDays(topics, "rxflow.tool-commands")).isEqualTo(7);
            assertThat(retentionDays(topics, "rxflow.patient-messages")).isEqualTo(7);
            assertThat(retentionDays(topics, "rxflow." + SERVICE + ".dlt")).isEqualTo(30);
        });
    }

    @Test
    void theDomainLogAndTheOrderBookKeepTheirRecordsAsLongAsThePharmacyConfigures() {
        context.withPropertyValues("rxflow.kafka.topics.retention.domain-log=3653d",
                "rxflow.kafka.topics.retention.order-book=3653d", "rxflow.kafka.topics.retention.messaging=3d",
                "rxflow.kafka.topics.min-insync-replicas=2").run(started -> {
                    Map<String, Map<String, String>> topics = configs(started.getBean(RxflowKafkaProperties.class));

                    assertThat(retentionDays(topics, "rxflow.conversation-events")).isEqualTo(3653);
                    assertThat(retentionDays(topics, "rxflow.pharmacy-orders")).isEqualTo(3653);
                    assertThat(retentionDays(topics, "rxflow.assistant-replies")).isEqualTo(3);
                    assertThat(retentionDays(topics, "rxflow.audit-log")).isEqualTo(2192);
                    assertThat(topics.get("rxflow.pharmacy-orders")).containsEntry("min.insync.replicas", "2");
                });
    }

    @Test
    void aRetentionShorterThanAnHourIsRefusedAtStartUp() {
        context.withPropertyValues("rxflow.kafka.topics.retention.order-book=0s").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("orderBook"));
        context.withPropertyValues("rxflow.kafka.topics.audit-retention=10m").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("auditRetention"));
    }

    @Test
    void composesCreateTopicsScriptCreatesEveryTopicWithTheServicesRetentionAndPolicy(@TempDir Path dir) {
        Map<String, String> environment = Map.of("RXFLOW_KAFKA_TOPICS_RETENTION_ORDERBOOK", "3653d",
                "RXFLOW_KAFKA_TOPICS_RETENTION_MESSAGING", "36h");
        context.withPropertyValues("rxflow.kafka.topics.retention.order-book=3653d",
                "rxflow.kafka.topics.retention.messaging=36h").run(started -> {
                    Map<String, Map<String, String>> expected = configs(started.getBean(RxflowKafkaProperties.class));

                    Map<String, Map<String, String>> created = runScript(dir, List.copyOf(expected.keySet()),
                            environment);

                    assertThat(created.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
                    expected.forEach((topic, config) -> assertThat(created.get(topic)).as(topic)
                            .containsAllEntriesOf(config));
                });
    }

    private static Map<String, Map<String, String>> configs(RxflowKafkaProperties properties) {
        TopicCatalogue catalogue = new TopicCatalogue(properties.topics().names(), properties.serde().settings());
        List<NewTopic> topics = KafkaPlatformConfiguration.topics(catalogue, properties.topics(), SERVICE);
        return topics.stream().collect(Collectors.toMap(NewTopic::name, NewTopic::configs));
    }

    private static long retentionDays(Map<String, Map<String, String>> topics, String name) {
        return Long.parseLong(topics.get(name).get("retention.ms")) / DAY;
    }

    /** Runs the script with a stand-in for kafka-topics.sh that writes down each call. */
    private static Map<String, Map<String, String>> runScript(Path dir, List<String> topics,
            Map<String, String> environment) throws IOException, InterruptedException {
        Path calls = dir.resolve("calls.txt");
        Path stub = dir.resolve("kafka-topics.sh");
        Files.writeString(stub, "#!/usr/bin/env bash\necho \"$*\" >> '" + calls + "'\n");
        assertThat(stub.toFile().setExecutable(true)).isTrue();
        List<String> command = new ArrayList<>(List.of("bash", script().toString()));
        command.addAll(topics);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("BOOTSTRAP_SERVERS", "kafka:9092", "RXFLOW_KAFKA_TOPICS_PARTITIONS", "3",
                "RXFLOW_KAFKA_TOPICS_REPLICATIONFACTOR", "3", "RXFLOW_KAFKA_TOPICS_MININSYNCREPLICAS", "2",
                "KAFKA_TOPICS_COMMAND", stub.toString()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        Map<String, Map<String, String>> created = new HashMap<>();
        Pattern topic = Pattern.compile("--topic (\\S+)");
        Pattern config = Pattern.compile("--config ([a-z.]+)=(\\S+)");
        for (String call : Files.readAllLines(calls)) {
            Matcher name = topic.matcher(call);
            if (call.contains("--create") && name.find()) {
                Map<String, String> settings = new HashMap<>();
                Matcher setting = config.matcher(call);
                while (setting.find()) {
                    settings.put(setting.group(1), setting.group(2));
                }
                created.put(name.group(1), settings);
            }
        }
        return created;
    }

    /** The Compose stack's script, wherever the deployment files are kept in the repository. */
    private static Path script() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(root, 6)) {
            List<Path> found = files.filter(path -> path.getFileName().toString().equals("create-topics.sh"))
                    .filter(path -> !path.toString().contains("/target/") && !path.toString().contains("/.git/")
                            && !path.toString().contains("/node_modules/"))
                    .toList();
            assertThat(found).as("create-topics.sh under " + root).hasSize(1);
            return found.get(0);
        }
    }
}
