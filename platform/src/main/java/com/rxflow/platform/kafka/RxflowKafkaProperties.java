package com.rxflow.platform.kafka;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.rxflow.schemas.serde.SerdeSettings;

/**
 * How a service meets Kafka: the topics it creates when they are missing, their physical names,
 * and the value serde classes.
 *
 * @param topics the topic layout
 * @param serde  the value serializer and deserializer classes (RxFlow's own Avro single-object
 *               encoding by default; a schema registry's classes and settings otherwise)
 */
@ConfigurationProperties("rxflow.kafka")
@Validated
public record RxflowKafkaProperties(@Valid @DefaultValue Topics topics, @Valid @DefaultValue Serde serde) {

    /**
     * @param partitions        partitions of every RxFlow topic; the same for all, so the topics that
     *                          meet in the conversation processor are co-partitioned
     * @param replicationFactor replicas of every RxFlow topic
     * @param minInsyncReplicas {@code min.insync.replicas} of every RxFlow topic, 0 to keep the broker's
     * @param names             physical topic names by logical id (for example
     *                          {@code patient-messages: pharmacy-a.patient-messages})
     * @param auditRetention    how long the audit topics (audit-access, audit-log) keep their records:
     *                          the pharmacy's audit retention policy, six years by default (HIPAA's
     *                          documentation retention); they are never compacted
     * @param create            which topics the service creates when they are missing: {@code all} of the
     *                          catalogue's, or only those it {@code used}s (writes or reads, by the catalogue),
     *                          which is all a principal limited by the broker's ACLs may create
     */
    public record Topics(
            @Min(1) @DefaultValue("3") int partitions,
            @Min(1) @DefaultValue("1") short replicationFactor,
            @Min(0) @DefaultValue("0") int minInsyncReplicas,
            @DefaultValue Map<String, String> names,
            @DefaultValue("2192d") Duration auditRetention,
            @DefaultValue("all") TopicCreation create) {
    }

    /** Which of the catalogue's topics a service creates at start when they are missing. */
    public enum TopicCreation {
        /** every topic of the catalogue, whoever writes or reads it */
        ALL,
        /** only the topics the service writes or reads (its own dead-letter topic always) */
        USED
    }

    /**
     * @param valueSerializer   class name of the values' serializer
     * @param valueDeserializer class name of the values' deserializer
     * @param config            settings passed to both, for example a registry's URL
     */
    public record Serde(
            @NotBlank @DefaultValue("com.rxflow.schemas.serde.AvroSerializer") String valueSerializer,
            @NotBlank @DefaultValue("com.rxflow.schemas.serde.AvroDeserializer") String valueDeserializer,
            @DefaultValue Map<String, String> config) {

        public SerdeSettings settings() {
            return new SerdeSettings(valueSerializer, valueDeserializer, config);
        }
    }
}
