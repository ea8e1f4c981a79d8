package com.rxflow.schemas.phi;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Forgets a patient without the key-encryption key: reads the patient-keys topic's record keys
 * and writes a tombstone for each live {@code patientId/keyId} of the patient, acknowledged by
 * every in-sync replica. Used by {@code rxflow forget-patient}; an operator needs the right to
 * write the topic, not the KEK.
 */
public final class PatientKeyEraser {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private PatientKeyEraser() {
    }

    /** @return the key ids tombstoned (empty when the patient had no key) */
    public static Set<String> forget(String topic, Map<String, Object> clientConfig, String patientId) {
        Set<String> live = liveKeyIds(topic, clientConfig, patientId);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.keySet().retainAll(ProducerConfig.configNames());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (String keyId : live) {
                await(producer.send(new ProducerRecord<>(topic, KafkaPatientKeyring.recordKey(patientId, keyId), null)));
            }
        }
        return live;
    }

    private static Set<String> liveKeyIds(String topic, Map<String, Object> clientConfig, String patientId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.keySet().retainAll(ConsumerConfig.configNames());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        String prefix = patientId + "/";
        Set<String> live = new TreeSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey(), TIMEOUT) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("could not read " + topic + " to its end within " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() != null && record.key().startsWith(prefix)
                            && record.key().indexOf('/', prefix.length()) < 0) {
                        String keyId = record.key().substring(prefix.length());
                        if (record.value() == null) {
                            live.remove(keyId);
                        } else {
                            live.add(keyId);
                        }
                    }
                }
            }
        }
        return live;
    }

    private static void await(Future<?> sent) {
        try {
            sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while forgetting a patient", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("a tombstone could not be written", e);
        }
    }
}
