package com.rxflow.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

import com.rxflow.platform.audit.AuditConfiguration;
import com.rxflow.platform.features.FeatureFlagsConfiguration;
import com.rxflow.platform.logging.LoggingConfiguration;
import com.rxflow.platform.observability.ObservabilityConfiguration;
import com.rxflow.platform.phi.PhiEncryptionConfiguration;
import com.rxflow.platform.readiness.ProductionRule;
import com.rxflow.platform.readiness.ReadinessConfiguration;
import com.rxflow.platform.security.ServiceKeyConfiguration;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.phi.PatientKeysTopic;
import com.rxflow.schemas.phi.PhiSealer;
import com.rxflow.schemas.serde.SerdeSettings;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.schemas.topic.TopicRetention;
import com.rxflow.schemas.topic.TopicSpec;

/**
 * What every RxFlow service wires the same way: the topic catalogue, the topics it creates when
 * they are missing, and the service's dead-letter topic; with them tracing across Kafka,
 * pseudonymised logging, the production start-up checks, the feature flags, the audit trail and the service key
 * that guards internal endpoints. Imported through
 * the listener or Streams platform by each service's application class.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RxflowKafkaProperties.class)
@Import({ObservabilityConfiguration.class, LoggingConfiguration.class, ReadinessConfiguration.class,
        FeatureFlagsConfiguration.class, ServiceKeyConfiguration.class, AuditConfiguration.class,
        PhiEncryptionConfiguration.class, SchemaStoreConfiguration.class})
public class KafkaPlatformConfiguration {

    /**
     * The value serde classes and their configuration, with this context's codec
     * ({@link AvroCodec#CONFIG}, made by {@link SchemaStoreConfiguration}: every serde built from
     * them publishes to and looks up in this context's schema store) and, when PHI encryption is on
     * ({@code rxflow.phi.encryption.enabled}), the {@link PhiSealer}: every serde built from them
     * seals and opens patients' PHI fields.
     */
    @Bean
    SerdeSettings rxflowSerdeSettings(RxflowKafkaProperties properties, AvroCodec codec,
            ObjectProvider<PhiSealer> sealer) {
        SerdeSettings configured = properties.serde().settings().with(AvroCodec.CONFIG, codec);
        PhiSealer phi = sealer.getIfAvailable();
        return phi == null ? configured : configured.with(PhiSealer.CONFIG, phi);
    }

    @Bean
    TopicCatalogue topicCatalogue(RxflowKafkaProperties properties, SerdeSettings serdes) {
        return new TopicCatalogue(properties.topics().names(), serdes);
    }

    @Bean
    KafkaAdmin.NewTopics rxflowTopics(TopicCatalogue catalogue, RxflowKafkaProperties properties,
            @Value("${spring.application.name}") String service) {
        return new KafkaAdmin.NewTopics(topics(catalogue, properties.topics(), service).toArray(NewTopic[]::new));
    }

    /**
     * The topics the service creates when they are missing ({@code rxflow.kafka.topics.create}: every
     * topic of the catalogue, or those it uses) and its dead-letter topic, each with the layout and an
     * explicit retention for its {@link TopicRetention} class, deleted by age and never compacted
     * (a compaction would keep one record per key: one order, one patient's last access); except the
     * schema store, {@link TopicRetention#COMPACTED}: compacted and kept for ever, and the patient keys,
     * {@link TopicRetention#PATIENT_KEYS}: compacted, kept for ever, tombstoned keys compacted away
     * within a day ({@link PatientKeysTopic#config()}).
     */
    public static List<NewTopic> topics(TopicCatalogue catalogue, RxflowKafkaProperties.Topics layout,
            String service) {
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec<?> spec : TopicCatalogue.ALL) {
            if (layout.create() == RxflowKafkaProperties.TopicCreation.USED && !uses(service, spec)) {
                continue;
            }
            topics.add(newTopic(catalogue.name(spec), layout, spec.retention()));
        }
        topics.add(newTopic(catalogue.deadLetter(service).name(), layout, TopicRetention.DEAD_LETTERS));
        return topics;
    }

    /** One topic as {@link #topics} makes it: the layout's partitions and replicas, its class's policy and retention. */
    public static NewTopic newTopic(String name, RxflowKafkaProperties.Topics layout, TopicRetention retention) {
        boolean compacted = retention == TopicRetention.COMPACTED || retention == TopicRetention.PATIENT_KEYS;
        TopicBuilder builder = TopicBuilder.name(name)
                .partitions(layout.partitions())
                .replicas(layout.replicationFactor())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG,
                        compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG,
                        String.valueOf(layout.retentionOf(retention).map(Duration::toMillis).orElse(-1L)));
        if (retention == TopicRetention.PATIENT_KEYS) {
            builder.configs(PatientKeysTopic.config());
        }
        if (layout.minInsyncReplicas() > 0) {
            builder.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(layout.minInsyncReplicas()));
        }
        return builder.build();
    }

    /** The service writes or reads the topic, by the catalogue. */
    static boolean uses(String service, TopicSpec<?> spec) {
        return spec.writer().equals(service) || spec.writer().equals(TopicCatalogue.EVERY_SERVICE)
                || spec.readers().contains(service);
    }

    /** Under {@code prod}, no plaintext or anonymous Kafka connection ({@link KafkaSecurityRule}). */
    @Bean
    ProductionRule kafkaSecurityRule(KafkaProperties kafka) {
        return new KafkaSecurityRule(kafka);
    }

    @Bean
    DeadLetters deadLetters(KafkaProperties kafka, KafkaConnectionDetails connection, TopicCatalogue catalogue,
            SerdeSettings serdes, @Value("${spring.application.name}") String service) {
        Map<String, Object> producer = kafka.buildProducerProperties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        return new DeadLetters(catalogue.deadLetter(service).name(), producer, serdes);
    }

    /** Every producer writes string keys (conversation ids) and the configured value encoding. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer rxflowProducerSerdes(SerdeSettings serdes) {
        return factory -> {
            DefaultKafkaProducerFactory<Object, Object> typed = cast(factory);
            typed.setKeySerializer(cast(new StringSerializer()));
            typed.setValueSerializer(serdes.valueSerde().serializer());
        };
    }

    /**
     * Every consumer reads string keys and the configured value encoding; a value that cannot be
     * read becomes a {@code DeserializationException} for the error handler instead of stopping
     * the consumer.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer rxflowConsumerSerdes(SerdeSettings serdes) {
        return factory -> {
            DefaultKafkaConsumerFactory<Object, Object> typed = cast(factory);
            typed.setKeyDeserializer(cast(new StringDeserializer()));
            typed.setValueDeserializer(new ErrorHandlingDeserializer<>(
                    serdes.valueSerde().deserializer()));
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
