package com.rxflow.platform.phi;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rxflow.schemas.phi.KafkaPatientKeyring;
import com.rxflow.schemas.phi.KeyEncryptionKey;
import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;
import com.rxflow.schemas.phi.PhiSealer;

/**
 * With {@code rxflow.phi.encryption.enabled=true}: the key-encryption key, the keyring on the
 * patient-keys topic and the {@link PhiSealer} that {@code KafkaPlatformConfiguration} hands to
 * every value serde it builds (producers, consumers, the catalogue's serdes used by Kafka Streams
 * for topics and stores, dead letters). One of each per application context, none static.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PhiEncryptionProperties.class)
@ConditionalOnBooleanProperty("rxflow.phi.encryption.enabled")
public class PhiEncryptionConfiguration {

    @Bean
    KeyEncryptionKey keyEncryptionKey(PhiEncryptionProperties properties) {
        if (properties.kekPassword() == null || properties.kekPassword().isBlank()) {
            throw new IllegalStateException("rxflow.phi.encryption.kek-password is required when "
                    + "rxflow.phi.encryption.enabled is true");
        }
        return KeystoreKeyEncryptionKey.openOrCreate(properties.kekKeystore(), properties.kekPassword().toCharArray());
    }

    @Bean(destroyMethod = "close")
    KafkaPatientKeyring patientKeyring(PhiEncryptionProperties properties, KeyEncryptionKey kek,
            KafkaProperties kafka, KafkaConnectionDetails connection) {
        Map<String, Object> client = kafka.buildAdminProperties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getAdmin().getBootstrapServers());
        return new KafkaPatientKeyring(properties.keysTopic(), client, kek, properties.refreshEvery(),
                Clock.systemUTC(), properties.keyCacheSize());
    }

    @Bean
    PhiSealer phiSealer(KafkaPatientKeyring keyring) {
        return new PhiSealer(keyring);
    }
}
