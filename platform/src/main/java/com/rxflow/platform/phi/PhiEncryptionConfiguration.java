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
import org.springframework.kafka.core.KafkaAdmin;

import com.rxflow.platform.kafka.KafkaPlatformConfiguration;
import com.rxflow.platform.kafka.RxflowKafkaProperties;
import com.rxflow.platform.readiness.ProductionReadiness;
import com.rxflow.platform.readiness.ProductionRule;
import com.rxflow.schemas.phi.KafkaPatientKeyring;
import com.rxflow.schemas.phi.KeyEncryptionKey;
import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;
import com.rxflow.schemas.phi.PhiSealer;
import com.rxflow.schemas.serde.SerdeSettings;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.schemas.topic.TopicRetention;

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

    /**
     * The keyring on the catalogue's patient-keys topic, made first with the service's topic layout
     * (partitions, replicas, {@code min.insync.replicas}) and the topic's compaction, as every topic of
     * the catalogue is: the keyring reads it while the context is being built, before {@link KafkaAdmin}
     * creates the other topics, and would otherwise make it with the broker's defaults.
     */
    @Bean(destroyMethod = "close")
    KafkaPatientKeyring patientKeyring(PhiEncryptionProperties properties, KeyEncryptionKey kek,
            KafkaProperties kafka, KafkaConnectionDetails connection, RxflowKafkaProperties rxflowKafka,
            KafkaAdmin admin) {
        Map<String, Object> client = kafka.buildAdminProperties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getAdmin().getBootstrapServers());
        // the catalogue's name only: the catalogue bean itself needs the sealer, which needs this keyring
        TopicCatalogue names = new TopicCatalogue(rxflowKafka.topics().names(), SerdeSettings.DEFAULT);
        String topic = names.name(TopicCatalogue.PATIENT_KEYS);
        admin.createOrModifyTopics(KafkaPlatformConfiguration.newTopic(topic, rxflowKafka.topics(),
                TopicRetention.PATIENT_KEYS));
        return new KafkaPatientKeyring(topic, client, kek, properties.refreshEvery(),
                Clock.systemUTC(), properties.keyCacheSize());
    }

    @Bean
    PhiSealer phiSealer(KafkaPatientKeyring keyring) {
        return new PhiSealer(keyring);
    }
}
