package com.rxflow.platform.streams;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.platform.kafka.KafkaPlatformConfiguration;
import com.rxflow.platform.observability.KafkaHeaderPropagation;
import com.rxflow.platform.observability.TracingProcessorWrapper;
import com.rxflow.platform.observability.TracingProducerInterceptor;
import com.rxflow.platform.readiness.ProductionRule;
import com.rxflow.platform.readiness.ReadinessConfiguration;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * For the Kafka Streams services: exactly-once processing unless configured otherwise, state kept
 * in a durable folder (never /tmp), every record that cannot be read, processed or written dead-lettered
 * to the service's dead-letter topic in the task's transaction while the stream goes on, and tracing
 * through the topology.
 * Health: {@code kafkaStreams} for the readiness group, {@code kafkaStreamsLiveness} for the liveness
 * group (a client that stopped for good is restarted by the orchestrator).
 * (Kafka Streams' client and thread metrics are bound by Boot's {@code KafkaMetricsAutoConfiguration}.)
 */
@Configuration(proxyBeanMethods = false)
@Import(KafkaPlatformConfiguration.class)
public class StreamsPlatformConfiguration {

    @Bean
    StreamsBuilderFactoryBeanConfigurer rxflowStreamsDefaults(DeadLetters deadLetters,
            @Value("${rxflow.streams.state-dir:.rxflow/state}") Path stateRoot,
            @Value("${spring.application.name}") String service,
            @Value("${rxflow.instance-id:${HOSTNAME:local}}") String instanceId,
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return factoryBean -> {
            Properties config = factoryBean.getStreamsConfiguration();
            Tracer tracing = tracer.getIfAvailable();
            Propagator propagation = propagator.getIfAvailable();
            if (tracing != null && propagation != null) {
                traceRecords(config, new KafkaHeaderPropagation(tracing, propagation));
            }
            config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            config.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, stateRoot.resolve(service).toAbsolutePath().toString());
            // Static membership: a restarted instance (same instance id, for example the pod name)
            // takes its partitions back at once instead of waiting out the old member's session.
            config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, service + "-" + instanceId);
            // the three handlers hand their dead letters back to Kafka Streams, which writes them with
            // the task's producer, in the task's transaction (KIP-1034)
            config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    DeadLetterDeserializationExceptionHandler.class);
            config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                    DeadLetterProcessingExceptionHandler.class);
            config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    DeadLetterProductionExceptionHandler.class);
            config.put(DeadLetters.CONFIG, deadLetters);
            factoryBean.setStreamsConfiguration(config);
            // a clean stop hands the partitions over at once instead of after the session timeout
            factoryBean.setLeaveGroupOnClose(true);
            factoryBean.setStreamsUncaughtExceptionHandler(new StreamThreadReplacer());
        };
    }

    /**
     * Every processor runs each record in a span continuing the record's trace, and every record
     * the app produces carries the span it was produced in: the trace of a patient turn crosses
     * the Streams app as it crosses the listener services.
     */
    private static void traceRecords(Properties config, KafkaHeaderPropagation propagation) {
        config.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, TracingProcessorWrapper.class);
        config.put(TracingProcessorWrapper.PROPAGATION, propagation);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                TracingProducerInterceptor.class.getName());
        config.put(StreamsConfig.producerPrefix(TracingProcessorWrapper.PROPAGATION), propagation);
    }

    /** Internal topics (the stores' changelogs) are replicated like RxFlow's own in production. */
    @Bean
    ProductionRule streamsReplicationRule(KafkaProperties kafka) {
        return () -> {
            int replicas = kafka.getStreams().getReplicationFactor() == null ? 1
                    : kafka.getStreams().getReplicationFactor();
            return replicas >= ReadinessConfiguration.MIN_REPLICATION_FACTOR ? List.of()
                    : List.of(new ProductionRule.Violation("spring.kafka.streams.replication-factor", "is " + replicas
                            + "; production needs at least " + ReadinessConfiguration.MIN_REPLICATION_FACTOR
                            + " for the stores' changelogs"));
        };
    }

    @Bean
    KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
        return new KafkaStreamsHealthIndicator(factoryBean);
    }

    @Bean
    KafkaStreamsLivenessIndicator kafkaStreamsLivenessHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
        return new KafkaStreamsLivenessIndicator(factoryBean);
    }
}
