package com.rxflow.schemas.phi;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The patient-keys topic: wrapped data keys ({@code com.rxflow.keys.PatientDataKey}) keyed by
 * {@code patientId/keyId}, compacted, never deleted by age. Its writer and readers are the topic
 * catalogue's ({@code TopicCatalogue.PATIENT_KEYS}, from which the ACLs are generated): every service
 * writes it (the first to seal a patient's record makes their key) and reads it. Compaction drops a
 * forgotten key's record within {@link #MAX_COMPACTION_LAG_MS} of its tombstone, and the tombstone a
 * day later.
 */
public final class PatientKeysTopic {

    public static final String DEFAULT_NAME = "rxflow.patient-keys";
    /** A forgotten key's wrapped bytes are compacted away at the latest a day after its tombstone. */
    public static final long MAX_COMPACTION_LAG_MS = 24L * 60 * 60 * 1000;

    private PatientKeysTopic() {
    }

    /**
     * The topic's configuration: compacted and never deleted by age, rolled hourly so a tombstone's
     * segment becomes cleanable.
     */
    public static Map<String, String> config() {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, String.valueOf(MAX_COMPACTION_LAG_MS),
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(60L * 60 * 1000),
                TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(MAX_COMPACTION_LAG_MS));
    }

    /** Creates the topic with the broker's default partitions and replication when it is missing. */
    static void ensure(String topic, Map<String, Object> clientConfig) {
        Map<String, Object> adminConfig = new HashMap<>(clientConfig);
        adminConfig.keySet().retainAll(AdminClientConfig.configNames());
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(Set.of(new NewTopic(topic, Optional.empty(), Optional.empty()).configs(config())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("cannot create " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating " + topic, e);
        } catch (TimeoutException e) {
            throw new KafkaException("cannot create " + topic + " within 30 s", e);
        }
    }
}
