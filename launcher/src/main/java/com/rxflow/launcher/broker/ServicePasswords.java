package com.rxflow.launcher.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.rxflow.platform.kafka.access.KafkaClient;
import com.rxflow.platform.kafka.access.KafkaClients;

/**
 * Each service's SCRAM password for a deployment, from the environment variable
 * {@code RXFLOW_KAFKA_PASSWORD_<SERVICE>} ({@code RXFLOW_KAFKA_PASSWORD_CONVERSATION_PROCESSOR}).
 * One secret per service: every one is required, at least {@value #MINIMUM_LENGTH} characters, and
 * no two services may share one (a shared password would let one service sign in as the other).
 */
final class ServicePasswords {

    static final String PREFIX = "RXFLOW_KAFKA_PASSWORD_";
    static final int MINIMUM_LENGTH = 16;

    private ServicePasswords() {
    }

    static String variable(String service) {
        return PREFIX + service.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** @throws IllegalArgumentException naming every missing, short or shared password's variable */
    static Map<String, String> from(Map<String, String> environment) {
        Map<String, String> passwords = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        for (KafkaClient client : KafkaClients.ALL) {
            String variable = variable(client.service());
            String password = environment.get(variable);
            if (password == null || password.isBlank()) {
                problems.add(variable + " is not set");
            } else if (password.length() < MINIMUM_LENGTH) {
                problems.add(variable + " is shorter than " + MINIMUM_LENGTH + " characters");
            } else if (owners.containsKey(password)) {
                problems.add(variable + " is the same as " + owners.get(password) + " (one secret per service)");
            } else {
                owners.put(password, variable);
                passwords.put(client.service(), password);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The services' Kafka passwords: " + String.join("; ", problems));
        }
        return passwords;
    }
}
