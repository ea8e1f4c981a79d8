package com.rxflow.platform.kafka;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.rxflow.schemas.serde.SerdeSettings;
import com.rxflow.schemas.topic.TopicRetention;

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
     * @param retention         how long the other topics keep their records, by {@link TopicRetention} class
     * @param create            which topics the service creates when they are missing: {@code all} of the
     *                          catalogue's, or only those it {@code used}s (writes or reads, by the catalogue),
     *                          which is all a principal limited by the broker's ACLs may create
     */
    public record Topics(
            @Min(1) @DefaultValue("3") int partitions,
            @Min(1) @DefaultValue("1") short replicationFactor,
            @Min(0) @DefaultValue("0") int minInsyncReplicas,
            @DefaultValue Map<String, String> names,
            @NotNull @DurationMin(days = 1) @DefaultValue("2192d") Duration auditRetention,
            @Valid @DefaultValue Retention retention,
            @DefaultValue("all") TopicCreation create) {

        /**
         * The {@code retention.ms} a topic of this class is created with; empty for the compacted
         * schema store and patient keys, kept for ever ({@code retention.ms=-1}).
         */
        public java.util.Optional<Duration> retentionOf(TopicRetention kind) {
            return java.util.Optional.ofNullable(switch (kind) {
                case MESSAGING -> retention.messaging();
                case DOMAIN_LOG -> retention.domainLog();
                case ORDER_BOOK -> retention.orderBook();
                case AUDIT -> auditRetention;
                case DEAD_LETTERS -> retention.deadLetters();
                case COMPACTED, PATIENT_KEYS -> null;
            });
        }
    }

    /**
     * Retention of RxFlow's topics by class ({@code rxflow.kafka.topics.retention.*}); every topic is
     * created with one, never with the broker's default. At least an hour each, so a typo cannot
     * empty a topic.
     *
     * @param messaging   commands, results, replies, patient messages and pharmacists' actions: read at
     *                    once, their state lives in the stores; long enough to outlive an outage
     * @param domainLog   conversation-events and escalation-events, the facts of every conversation and
     *                    case: as long as the pharmacy must keep its records (six years by default)
     * @param orderBook   pharmacy-orders, the order book's only durable form: as long as the pharmacy keeps
     *                    orders (six years by default); order status and cancellation see no older order
     * @param deadLetters the services' dead-letter topics
     */
    public record Retention(
            @NotNull @DurationMin(hours = 1) @DefaultValue("7d") Duration messaging,
            @NotNull @DurationMin(hours = 1) @DefaultValue("2192d") Duration domainLog,
            @NotNull @DurationMin(hours = 1) @DefaultValue("2192d") Duration orderBook,
            @NotNull @DurationMin(hours = 1) @DefaultValue("30d") Duration deadLetters) {
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
