package com.rxflow.escalation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * escalation-service as it runs, on a real in-process broker and a random port, with five test
 * accounts: two pharmacists, a prescriber, an auditor and a privacy officer. Every test class with this annotation shares one
 * context and one broker. (spring-kafka 4 has no {@code kraft} attribute: its broker is always KRaft.)
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedKafka(partitions = 3, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0"})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=escalation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        // a fresh folder per run: state checkpointed against an earlier run's broker would not match this one
        "rxflow.streams.state-dir=target/streams-state/integration-test/${random.uuid}",
        "rxflow.escalation.access.users[0].username=jmartinez",
        "rxflow.escalation.access.users[0].password={noop}" + EscalationServiceTest.PASSWORD,
        "rxflow.escalation.access.users[0].display-name=Jennifer Martinez",
        "rxflow.escalation.access.users[0].roles=PHARMACIST",
        "rxflow.escalation.access.users[1].username=ofarouk",
        "rxflow.escalation.access.users[1].password={noop}" + EscalationServiceTest.PASSWORD,
        "rxflow.escalation.access.users[1].display-name=Omar Farouk",
        "rxflow.escalation.access.users[1].roles=PHARMACIST",
        "rxflow.escalation.access.users[2].username=drjohnson",
        "rxflow.escalation.access.users[2].password={noop}" + EscalationServiceTest.PASSWORD,
        "rxflow.escalation.access.users[2].display-name=Dr. Sarah Johnson",
        "rxflow.escalation.access.users[2].roles=PRESCRIBER",
        "rxflow.escalation.access.users[3].username=aauditor",
        "rxflow.escalation.access.users[3].password={noop}" + EscalationServiceTest.PASSWORD,
        "rxflow.escalation.access.users[3].display-name=Avery Auditor",
        "rxflow.escalation.access.users[3].roles=AUDITOR",
        "rxflow.escalation.access.users[4].username=pprivacy",
        "rxflow.escalation.access.users[4].password={noop}" + EscalationServiceTest.PASSWORD,
        "rxflow.escalation.access.users[4].display-name=Priya Privacy",
        "rxflow.escalation.access.users[4].roles=PRIVACY_OFFICER",
        "rxflow.service-key=" + EscalationServiceTest.SERVICE_KEY,
        // one instance on this machine: no peer traffic to encrypt
        "rxflow.escalation.peers.allow-plain-http=true"})
public @interface EscalationServiceTest {

    /** Every test account's password. */
    String PASSWORD = "test-password";

    /** The service key of the tests' instances. */
    String SERVICE_KEY = "escalation-test-service-key-0123456789";
}
