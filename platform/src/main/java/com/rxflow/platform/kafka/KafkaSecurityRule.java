package com.rxflow.platform.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import com.rxflow.platform.readiness.ProductionRule;

/**
 * Production talks to Kafka encrypted and authenticated, or not at all: every Kafka client a service
 * builds (consumers, producers, the admin client, Kafka Streams) must use {@code SASL_SSL}, or
 * {@code SSL} with a client certificate (without one, TLS encrypts but the broker cannot tell
 * services apart, and its ACLs see one anonymous principal). A plaintext or anonymous connection
 * would let anything on the network read patients' messages and forge any service's records.
 */
public final class KafkaSecurityRule implements ProductionRule {

    private static final Set<SecurityProtocol> ENCRYPTED = Set.of(SecurityProtocol.SASL_SSL, SecurityProtocol.SSL);

    private final KafkaProperties kafka;

    public KafkaSecurityRule(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    @Override
    public List<Violation> check() {
        Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
        clients.put("consumer", kafka.buildConsumerProperties());
        clients.put("producer", kafka.buildProducerProperties());
        clients.put("admin", kafka.buildAdminProperties());
        clients.put("streams", kafka.buildStreamsProperties());
        Map<String, String> problems = new LinkedHashMap<>();
        clients.forEach((client, settings) -> {
            Object configured = settings.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
            String protocol = configured == null ? CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL
                    : configured.toString().trim().toUpperCase(Locale.ROOT);
            if (ENCRYPTED.stream().noneMatch(encrypted -> encrypted.name.equals(protocol))) {
                problems.put(client, "is " + protocol + "; production needs SASL_SSL (or SSL with a client "
                        + "certificate): a plaintext or unauthenticated Kafka connection lets anything on the network "
                        + "read every patient's messages and write any service's records (docs/security.md)");
            } else if (SecurityProtocol.SSL.name.equals(protocol) && !hasClientCertificate(settings)) {
                problems.put(client, "is SSL without a client certificate (spring.kafka.ssl.key-store-location or "
                        + "spring.kafka.ssl.bundle); production needs the service authenticated so the broker's ACLs "
                        + "apply to it, or SASL_SSL");
            }
        });
        if (problems.size() == clients.size() && Set.copyOf(problems.values()).size() == 1) {
            // the usual case: nothing set at all; one line names the one setting to change
            return List.of(new Violation("spring.kafka.security.protocol", problems.values().iterator().next()));
        }
        List<Violation> violations = new ArrayList<>();
        problems.forEach((client, problem) ->
                violations.add(new Violation("spring.kafka." + client + ".security.protocol", problem)));
        return violations;
    }

    private boolean hasClientCertificate(Map<String, Object> settings) {
        return settings.get(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG) != null
                || settings.get(SslConfigs.SSL_KEYSTORE_KEY_CONFIG) != null
                || kafka.getSsl().getBundle() != null;
    }
}
