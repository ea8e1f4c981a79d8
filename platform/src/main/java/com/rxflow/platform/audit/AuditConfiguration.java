package com.rxflow.platform.audit;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.platform.logging.Pseudonyms;
import com.rxflow.schemas.topic.TopicCatalogue;

/** Every service's {@link AuditTrail}, writing its accesses with the service's own Kafka template. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    AuditTrail auditTrail(KafkaTemplate<String, PatientDataAccessed> kafka, TopicCatalogue catalogue,
            Pseudonyms pseudonyms, AuditProperties properties, @Value("${spring.application.name}") String service,
            ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
        if (!pseudonyms.configured()) {
            log.info("rxflow.logging.pseudonym-key is not set: audit records name patients by a pseudonym of this "
                    + "process only, which an auditor's query in another process cannot compute");
        }
        return new AuditTrail(kafka, catalogue.name(TopicCatalogue.AUDIT_ACCESS), pseudonyms, service, properties,
                clock.getIfAvailable(Clock::systemUTC), meters.getIfAvailable());
    }
}
