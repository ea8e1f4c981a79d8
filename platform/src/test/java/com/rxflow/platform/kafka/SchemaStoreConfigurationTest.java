package com.rxflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.phi.PhiSealer;
import com.rxflow.schemas.avro.KafkaSchemaStore;
import com.rxflow.schemas.serde.SerdeSettings;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * The run-time schema store is on by default, belongs to its application context (two contexts in
 * one JVM have two stores and two codecs, the shared codec none), can be turned off, and its wait is
 * validated.
 */
class SchemaStoreConfigurationTest {

    /** The serde settings and the catalogue as {@link KafkaPlatformConfiguration} makes them. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RxflowKafkaProperties.class)
    static class Catalogue {
        @Bean
        SerdeSettings rxflowSerdeSettings(RxflowKafkaProperties properties, AvroCodec codec,
                ObjectProvider<PhiSealer> sealer) {
            return new KafkaPlatformConfiguration().rxflowSerdeSettings(properties, codec, sealer);
        }

        @Bean
        TopicCatalogue topicCatalogue(RxflowKafkaProperties properties, SerdeSettings serdes) {
            return new TopicCatalogue(properties.topics().names(), serdes);
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
            .withUserConfiguration(Catalogue.class, SchemaStoreConfiguration.class)
            .withPropertyValues("spring.application.name=gateway", "spring.kafka.bootstrap-servers=localhost:1");

    @Test
    void everyServiceHasItsOwnStoreInItsOwnCodecUnlessTheStoreIsTurnedOff() {
        context.run(first -> context.run(second -> {
            KafkaSchemaStore store = first.getBean(KafkaSchemaStore.class);
            AvroCodec codec = first.getBean(AvroCodec.class);
            assertThat(codec.store()).containsSame(store);
            assertThat(first.getBean(TopicCatalogue.class).serdes().config().get(AvroCodec.CONFIG)).isSameAs(codec);
            assertThat(second.getBean(AvroCodec.class)).isNotSameAs(codec);
            assertThat(second.getBean(AvroCodec.class).store().orElseThrow()).isNotSameAs(store);
            assertThat(AvroCodec.shared().store()).isEmpty();
        }));
        context.withPropertyValues("rxflow.kafka.schema-store.enabled=false").run(started -> {
            assertThat(started).doesNotHaveBean(KafkaSchemaStore.class);
            assertThat(started.getBean(AvroCodec.class)).isSameAs(AvroCodec.shared());
        });
    }

    @Test
    void aWaitShorterThanATenthOfASecondIsRefusedAtStartUp() {
        context.withPropertyValues("rxflow.kafka.schema-store.lookup-wait=10ms").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("lookupWait"));
    }
}
