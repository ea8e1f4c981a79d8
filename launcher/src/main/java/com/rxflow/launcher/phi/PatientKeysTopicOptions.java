package com.rxflow.launcher.phi;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;

import com.rxflow.schemas.phi.PatientKeysTopic;

import picocli.CommandLine.Option;

/** Where the patient-keys topic is and how to reach it: the options the key commands share (a picocli mixin). */
final class PatientKeysTopicOptions {

    @Option(names = "--bootstrap-server", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT[,...]",
            description = "The Kafka cluster (the local stack's broker by default).")
    private String bootstrapServers;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties (security) of a principal that may read and write the topic.")
    private Path clientConfig;

    @Option(names = "--topic", defaultValue = PatientKeysTopic.DEFAULT_NAME, paramLabel = "NAME",
            description = "The patient-keys topic.")
    private String topic;

    String topic() {
        return topic;
    }

    /** The Kafka client settings: the client-config file's, then the bootstrap servers. */
    Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        if (clientConfig != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(clientConfig, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + clientConfig, e);
            }
            properties.forEach((key, value) -> config.put(String.valueOf(key), value));
        }
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }
}
