package com.rxflow.platform.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.avro.KafkaSchemaStore;
import com.rxflow.schemas.serde.SerdeSettings;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * The schemas of this application context: its run-time schema store ({@link KafkaSchemaStore} on the
 * catalogue's schema topic, unless {@code rxflow.kafka.schema-store.enabled=false}) and its codec made
 * with that store, which {@code KafkaPlatformConfiguration}'s serde settings hand to RxFlow's serdes
 * through their configuration ({@link AvroCodec#CONFIG}). So every schema the service writes is published before
 * its first record, and a record written with a schema this release does not ship (a newer release
 * during a rolling upgrade) is decoded with the schema found there instead of being dead-lettered.
 * Nothing of it is process-wide: two contexts in one JVM (tests with cached contexts, each on its
 * own broker) have two stores and two codecs, and the store is closed with its context.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchemaStoreConfiguration.SchemaStoreProperties.class)
public class SchemaStoreConfiguration {

    /**
     * {@code rxflow.kafka.schema-store.*}.
     *
     * @param enabled whether the service publishes and looks up schemas at run time (without it, a
     *                record of a schema this release does not ship is dead-lettered)
     * @param lookupWait how long a reader waits for an unknown schema to appear, and a writer for its
     *                publication to be acknowledged
     * @param missRetry how long a schema not found within the wait is taken as missing without
     *                waiting again (its records are dead-lettered at once meanwhile)
     */
    @ConfigurationProperties("rxflow.kafka.schema-store")
    @Validated
    public record SchemaStoreProperties(
            @DefaultValue("true") boolean enabled,
            @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("10s") Duration lookupWait,
            @DurationMin(seconds = 1) @DurationMax(hours = 1) @DefaultValue("1m") Duration missRetry) {
    }

    /**
     * The service's own codec: with its schema store when there is one, else the shared codec of the
     * shipped schemas.
     */
    @Bean
    AvroCodec rxflowAvroCodec(ObjectProvider<KafkaSchemaStore> store) {
        KafkaSchemaStore own = store.getIfAvailable();
        return own == null ? AvroCodec.shared() : AvroCodec.withStore(own);
    }

    /**
     * Closed with the context (it is {@link AutoCloseable}), after the clients that use it, which
     * depend on it through the codec, have stopped.
     */
    @Bean
    @ConditionalOnProperty(prefix = "rxflow.kafka.schema-store", name = "enabled", matchIfMissing = true)
    KafkaSchemaStore rxflowSchemaStore(KafkaProperties kafka, KafkaConnectionDetails connection,
            RxflowKafkaProperties rxflow, SchemaStoreProperties properties,
            @Value("${spring.application.name}") String service) {
        Map<String, Object> producer = kafka.buildProducerProperties();
        producer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        consumer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getConsumer().getBootstrapServers());
        // the name as the catalogue has it; the catalogue itself is made with the codec this store goes into
        String topic = new TopicCatalogue(rxflow.topics().names(), SerdeSettings.DEFAULT).name(TopicCatalogue.SCHEMAS);
        return KafkaSchemaStore.connect(producer, consumer, service, topic, properties.lookupWait(),
                properties.missRetry());
    }
}
