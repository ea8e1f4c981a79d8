package com.rxflow.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * How one Kafka client of a deployed service signs in, read from the settings Spring Boot builds
 * for it (consumer, producer, admin, Streams): protocol, SASL mechanism, trust store, and the SCRAM
 * user and password of its JAAS login.
 */
record KafkaLogin(String client, String protocol, String mechanism, String trustStore, Optional<String> user,
        Optional<String> password) {

    private static final Pattern SCRAM = Pattern.compile(
            "org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required username=\"([^\"]+)\" "
                    + "password=\"([^\"]+)\";");

    /** The four kinds of client a service builds, by name. */
    static Map<String, KafkaLogin> of(KafkaProperties kafka) {
        Map<String, KafkaLogin> logins = new LinkedHashMap<>();
        logins.put("consumer", login("consumer", kafka.buildConsumerProperties()));
        logins.put("producer", login("producer", kafka.buildProducerProperties()));
        logins.put("admin", login("admin", kafka.buildAdminProperties()));
        logins.put("streams", login("streams", kafka.buildStreamsProperties()));
        return logins;
    }

    private static KafkaLogin login(String client, Map<String, Object> settings) {
        Matcher jaas = SCRAM.matcher(String.valueOf(settings.getOrDefault("sasl.jaas.config", "")).strip());
        boolean scram = jaas.matches();
        return new KafkaLogin(client, String.valueOf(settings.get("security.protocol")),
                String.valueOf(settings.get("sasl.mechanism")), String.valueOf(settings.get("ssl.truststore.location")),
                scram ? Optional.of(jaas.group(1)) : Optional.empty(), scram ? Optional.of(jaas.group(2)) : Optional.empty());
    }
}
