package com.rxflow.platform.streams;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;

import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.platform.kafka.KafkaPlatformConfiguration;

/**
 * For the Kafka Streams services: exactly-once processing unless configured otherwise, state kept
 * in a durable folder (never /tmp), and every record that cannot be read or processed published
 * to the service's dead-letter topic while the stream goes on.
 */
@Configuration(proxyBeanMethods = false)
@Import(KafkaPlatformConfiguration.class)
public class StreamsPlatformConfiguration {

    @Bean
    StreamsBuilderFactoryBeanConfigurer rxflowStreamsDefaults(DeadLetters deadLetters,
            @Value("${rxflow.streams.state-dir:.rxflow/state}") Path stateRoot,
            @Value("${spring.application.name}") String service,
            @Value("${rxflow.instance-id:${HOSTNAME:local}}") String instanceId) {
        return factoryBean -> {
            Properties config = factoryBean.getStreamsConfiguration();
            config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            config.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, stateRoot.resolve(service).toAbsolutePath().toString());
            // Static membership: a restarted instance (same instance id, for example the pod name)
            // takes its partitions back at once instead of waiting out the old member's session.
            config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, service + "-" + instanceId);
            config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    RecoveringDeserializationExceptionHandler.class);
            config.put(RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER,
                    deadLetters.recoverer());
            config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                    DeadLetterProcessingExceptionHandler.class);
            config.put(DeadLetterProcessingExceptionHandler.RECOVERER, deadLetters.recoverer());
            factoryBean.setStreamsConfiguration(config);
            // a clean stop hands the partitions over at once instead of after the session timeout
            factoryBean.setLeaveGroupOnClose(true);
        };
    }

    @Bean
    KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
        return new KafkaStreamsHealthIndicator(factoryBean);
    }
}
