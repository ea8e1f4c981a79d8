package com.rxflow.platform.listener;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.platform.kafka.KafkaPlatformConfiguration;

/**
 * For services that consume with spring-kafka listeners: a record that cannot be read goes to the
 * dead-letter topic at once; one whose processing fails is retried twice, then goes there too.
 * Either way the partition moves on. Boot applies these beans to its listener container factory.
 */
@Configuration(proxyBeanMethods = false)
@Import(KafkaPlatformConfiguration.class)
public class ListenerPlatformConfiguration {

    private static final FixedBackOff TWO_QUICK_RETRIES = new FixedBackOff(200L, 2L);

    @Bean
    DefaultErrorHandler kafkaErrorHandler(DeadLetters deadLetters) {
        return new DefaultErrorHandler(deadLetters.recoverer(), TWO_QUICK_RETRIES);
    }

    /**
     * In a transactional listener the failed transaction is rolled back first; the record then
     * goes to the dead-letter topic and its offset is committed in a transaction of its own.
     */
    @Bean
    @ConditionalOnProperty("spring.kafka.producer.transaction-id-prefix")
    AfterRollbackProcessor<Object, Object> kafkaAfterRollbackProcessor(DeadLetters deadLetters,
            KafkaTemplate<Object, Object> template) {
        return new DefaultAfterRollbackProcessor<>(deadLetters.recoverer(), TWO_QUICK_RETRIES, template, true);
    }

    @Bean
    KafkaListenersHealthIndicator kafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        return new KafkaListenersHealthIndicator(registry);
    }
}
