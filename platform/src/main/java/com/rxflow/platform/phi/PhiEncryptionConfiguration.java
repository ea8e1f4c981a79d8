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
import org.springframework.core.env.Environment;

import com.rxflow.platform.readiness.ProductionReadiness;
import com.rxflow.platform.readiness.ProductionRule;
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

    /**
     * The keystore KEK. Made on first use where it is missing ({@code ./rxflow up --encrypt-phi}), but
     * never under {@code prod}: there a missing keystore (a secret not mounted) would give each
     * service a KEK of its own, and no service could unwrap another's data keys.
     */
    @Bean
    KeyEncryptionKey keyEncryptionKey(PhiEncryptionProperties properties, Environment environment) {
        char[] password = properties.password();
        return environment.matchesProfiles(ProductionReadiness.PROFILE)
                ? KeystoreKeyEncryptionKey.open(properties.kekKeystore(), password)
                : KeystoreKeyEncryptionKey.openOrCreate(properties.kekKeystore(), password);
    }

    /** Under {@code prod}, encryption on needs a KEK keystore and its password ({@link PhiEncryptionRule}). */
    @Bean
    ProductionRule phiEncryptionRule(PhiEncryptionProperties properties) {
        return new PhiEncryptionRule(properties);
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
