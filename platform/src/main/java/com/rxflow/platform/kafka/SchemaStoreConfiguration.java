package com.rxflow.platform.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
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
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * The run-time schema store ({@link KafkaSchemaStore} on the catalogue's schema topic), attached to
 * the shared codec that RxFlow's serdes use: every schema the service writes is published before
 * its first record, and a record written with a schema this release does not ship (a newer release
 * during a rolling upgrade) is decoded with the schema found there instead of being dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchemaStoreConfiguration.SchemaStoreProperties.class)
@ConditionalOnProperty(prefix = "rxflow.kafka.schema-store", name = "enabled", matchIfMissing = true)
public class SchemaStoreConfiguration {

    /**
     * {@code rxflow.kafka.schema-store.*}.
     *
     * @param enabled whether the service publishes and looks up schemas at run time (without it, a
     *                record of a schema this release does not ship is dead-lettered)
     * @param lookupWait how long a reader waits for an unknown schema to appear, and a writer for its
     *                publication to be acknowledged
     */
    @ConfigurationProperties("rxflow.kafka.schema-store")
    @Validated
    public record SchemaStoreProperties(
            @DefaultValue("true") boolean enabled,
            @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("10s") Duration lookupWait) {
    }

    @Bean
    AttachedSchemaStore rxflowSchemaStore(KafkaProperties kafka, KafkaConnectionDetails connection,
            TopicCatalogue catalogue, SchemaStoreProperties properties,
            @Value("${spring.application.name}") String service) {
        Map<String, Object> producer = kafka.buildProducerProperties();
        producer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        consumer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getConsumer().getBootstrapServers());
        KafkaSchemaStore store = KafkaSchemaStore.connect(producer, consumer, service,
                catalogue.name(TopicCatalogue.SCHEMAS), properties.lookupWait());
        AvroCodec.shared().attach(store);
        return new AttachedSchemaStore(store);
    }

    /** The store while it is attached to the shared codec; detached and closed with the context. */
    public record AttachedSchemaStore(KafkaSchemaStore store) implements AutoCloseable {

        @Override
        public void close() {
            AvroCodec.shared().detach(store);
            store.close();
        }
    }
}
