package com.rxflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rxflow.schemas.topic.TopicCatalogue;

/** The run-time schema store is on by default, can be turned off, and its wait is validated. */
class SchemaStoreConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
            .withUserConfiguration(Catalogue.class, SchemaStoreConfiguration.class)
            .withPropertyValues("spring.application.name=gateway", "spring.kafka.bootstrap-servers=localhost:1");

    @Configuration(proxyBeanMethods = false)
    static class Catalogue {
        @Bean
        TopicCatalogue topicCatalogue() {
            return TopicCatalogue.defaults();
        }
    }

    @Test
    void everyServiceHasTheStoreUnlessItIsTurnedOff() {
        context.run(started -> assertThat(started).hasSingleBean(SchemaStoreConfiguration.AttachedSchemaStore.class));
        context.withPropertyValues("rxflow.kafka.schema-store.enabled=false").run(started ->
                assertThat(started).doesNotHaveBean(SchemaStoreConfiguration.AttachedSchemaStore.class));
    }

    @Test
    void aWaitShorterThanATenthOfASecondIsRefusedAtStartUp() {
        context.withPropertyValues("rxflow.kafka.schema-store.lookup-wait=10ms").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("lookupWait"));
    }
}
