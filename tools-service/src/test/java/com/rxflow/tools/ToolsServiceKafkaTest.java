package com.rxflow.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The whole service against a real in-process KRaft broker. Every test class that carries this
 * annotation gets the same Spring context and broker from the test context cache, so the second
 * class starts in milliseconds. Tests keep to their own conversation ids and so never see each
 * other's records.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = {
        "spring.config.name=tools-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "rxflow.service-key=" + ToolsServiceKafkaTest.SERVICE_KEY})
// spring-kafka-test 4 only has the KRaft broker, so @EmbeddedKafka no longer has a kraft attribute
@EmbeddedKafka(partitions = 3, brokerProperties = {
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        // the listener's group forms at once instead of after the default 3 s
        "group.initial.rebalance.delay.ms=0"})
public @interface ToolsServiceKafkaTest {

    /** The service key of the tests' instances (outside the local profile one must be configured). */
    String SERVICE_KEY = "tools-test-service-key-0123456789abcdef";
}
