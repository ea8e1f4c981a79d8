package com.rxflow.escalation;

import java.time.Clock;

import org.apache.kafka.streams.Topology;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import com.rxflow.escalation.audit.AuditChainTopology;
import com.rxflow.escalation.cases.CaseDecider;
import com.rxflow.escalation.cases.CaseObserver;
import com.rxflow.escalation.query.PeerProperties;
import com.rxflow.escalation.stream.EscalationTopology;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * Hands {@link EscalationTopology} and the audit chain ({@link AuditChainTopology}) to Spring's
 * Kafka Streams factory bean, which builds the topology when the context is ready and runs it in
 * the application's lifecycle.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EscalationProperties.class, PeerProperties.class})
class EscalationStreamsConfiguration {

    @Bean
    StreamsBuilderFactoryBeanConfigurer escalationTopology(TopicCatalogue catalogue, EscalationProperties properties,
            ObjectProvider<Clock> clock, ObjectProvider<CaseObserver> observer) {
        CaseDecider decider = new CaseDecider(properties.sla().policy(), properties.retention());
        // a Clock bean where the context has one (tests); the system clock otherwise
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        CaseObserver observing = observer.getIfAvailable(() -> CaseObserver.NONE);
        return factoryBean -> factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureTopology(Topology topology) {
                EscalationTopology.build(topology, catalogue, decider, time, properties.punctuateInterval(),
                        observing);
                AuditChainTopology.build(topology, catalogue);
            }
        });
    }
}
