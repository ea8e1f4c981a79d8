package com.rxflow.escalation.privacy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import com.rxflow.platform.phi.PhiEncryptionProperties;
import com.rxflow.schemas.phi.PatientKeyEraser;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * The patients' data keys on the patient-keys topic, as this service's Kafka principal reaches them
 * (its client settings, security included): the catalogue lets every service write that topic
 * ({@code TopicCatalogue.PATIENT_KEYS}, whose ACLs {@code AccessControlLists} generates), so no other
 * principal is needed to forget a patient. Present only
 * with PHI encryption on ({@code rxflow.phi.encryption.enabled}); without it there is no key to erase.
 */
@Component
class PatientDataKeys {

    private final PhiEncryptionProperties encryption;
    private final String topic;
    private final Map<String, Object> client;

    PatientDataKeys(ObjectProvider<PhiEncryptionProperties> encryption, TopicCatalogue catalogue,
            KafkaProperties kafka, KafkaConnectionDetails connection) {
        this.encryption = encryption.getIfAvailable();
        this.topic = catalogue.name(TopicCatalogue.PATIENT_KEYS);
        this.client = kafka.buildAdminProperties();
        this.client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getAdmin().getBootstrapServers());
    }

    /** The patient-keys topic, when PHI encryption is on. */
    Optional<String> topic() {
        return Optional.ofNullable(encryption).filter(PhiEncryptionProperties::enabled)
                .map(on -> topic);
    }

    /**
     * Tombstones each of the patient's live data keys, acknowledged by every in-sync replica.
     *
     * @return the key ids tombstoned (empty when the patient had none)
     * @throws IllegalStateException when PHI encryption is off
     * @throws org.apache.kafka.common.KafkaException when the topic cannot be read or written
     */
    Set<String> forget(String patientId) {
        String topic = topic().orElseThrow(() -> new IllegalStateException("PHI encryption is off"));
        return PatientKeyEraser.forget(topic, client, patientId);
    }
}
