package com.rxflow.platform.observability;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Tracing across Kafka for the services' own clients: every {@link KafkaTemplate} sends and every
 * listener container receives under a Micrometer observation, so the W3C trace context travels in
 * the records' headers and a listener's work continues the sender's trace. The Kafka Streams
 * services get the same from {@link TracingProcessorWrapper} and {@link TracingProducerInterceptor}
 * (wired by the Streams platform). Done here rather than with Boot's
 * {@code spring.kafka.*.observation-enabled} so that no service can forget it.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    static BeanPostProcessor rxflowKafkaObservation() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaTemplate<?, ?> template) {
                    template.setObservationEnabled(true);
                } else if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
                    factory.getContainerProperties().setObservationEnabled(true);
                }
                return bean;
            }
        };
    }
}
