package com.rxflow.escalation;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.EnableKafkaStreams;

import com.rxflow.platform.streams.StreamsPlatformConfiguration;

/**
 * The pharmacists' queue as a Kafka Streams app: it owns the {@code escalation-cases} store and
 * turns escalation commands into case events.
 */
@SpringBootApplication
@EnableKafkaStreams
@Import(StreamsPlatformConfiguration.class)
public class EscalationServiceApplication {

    /** The service's application, reading {@code escalation-service.yml} so it can share a JVM with the others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(EscalationServiceApplication.class)
                .properties("spring.config.name=escalation-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
