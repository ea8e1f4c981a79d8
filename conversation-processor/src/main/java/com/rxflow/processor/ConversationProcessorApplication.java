package com.rxflow.processor;

import java.time.Clock;

import jakarta.validation.Validator;

import org.apache.kafka.streams.Topology;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import com.rxflow.platform.features.FeatureFlags;
import com.rxflow.platform.streams.StreamsPlatformConfiguration;
import com.rxflow.platform.validation.PatientInputRules;
import com.rxflow.processor.conversation.ConversationMeters;
import com.rxflow.processor.conversation.ConversationTopology;
import com.rxflow.processor.conversation.workflow.ConversationTypes;
import com.rxflow.processor.conversation.workflow.ConversationWorkflow;
import com.rxflow.processor.features.FeaturePolicy;
import com.rxflow.processor.understanding.LayeredInterpreter;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.processor.understanding.safety.SafetyScreen;

/** The conversation processor: the conversation workflow as a Kafka Streams application. */
@SpringBootApplication
@EnableKafkaStreams
@Import(StreamsPlatformConfiguration.class)
@EnableConfigurationProperties(ProcessorProperties.class)
public class ConversationProcessorApplication {

    public static final String NAME = "conversation-processor";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ConversationProcessorApplication.class)
                .properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ConversationWorkflow conversationWorkflow(ProcessorProperties properties, AvroCodec codec) {
        // the service's codec (KafkaPlatformConfiguration), so tool payloads of a newer schema are found in its store
        return new ConversationWorkflow(SafetyScreen.bundled(), LayeredInterpreter.bundled(),
                ConversationTypes.defaults(), properties.policy(), codec);
    }

    @Bean
    ConversationMeters conversationMeters(MeterRegistry registry) {
        return new ConversationMeters(registry);
    }

    /** Adds the conversation topology to the Streams app Spring builds and runs. */
    @Bean
    StreamsBuilderFactoryBeanConfigurer conversationTopology(TopicCatalogue catalogue, ConversationWorkflow workflow,
            Clock clock, ProcessorProperties properties, FeatureFlags flags, ConversationMeters meters,
            Validator validator) {
        PatientInputRules inputRules = new PatientInputRules(validator);
        return factoryBean -> factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureTopology(Topology topology) {
                ConversationTopology.build(topology, catalogue, workflow, clock, properties.punctuateInterval(),
                        FeaturePolicy.of(flags), meters, inputRules, properties.closed());
            }
        });
    }
}
