package com.rxflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.platform.phi.PhiEncryptionConfiguration;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.phi.PhiSealer;
import com.rxflow.schemas.serde.SerdeSettings;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * {@code rxflow.phi.encryption.enabled} decides whether the serdes the platform builds (the
 * catalogue's topic and store serdes, and through the same settings the producers', consumers' and
 * dead letters') seal PHI: off by default, on with a KEK keystore made on first start.
 */
@EmbeddedKafka(partitions = 1)
class PhiSerdeWiringTest {

    @TempDir
    Path folder;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
            .withUserConfiguration(Wiring.class, PhiEncryptionConfiguration.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RxflowKafkaProperties.class)
    static class Wiring {
        @Bean
        SerdeSettings serdes(RxflowKafkaProperties properties, ObjectProvider<PhiSealer> sealer) {
            return new KafkaPlatformConfiguration().rxflowSerdeSettings(properties, AvroCodec.shared(), sealer);
        }

        @Bean
        TopicCatalogue catalogue(RxflowKafkaProperties properties, SerdeSettings serdes) {
            return new KafkaPlatformConfiguration().topicCatalogue(properties, serdes);
        }
    }

    @Test
    void byDefaultNothingIsSealed(EmbeddedKafkaBroker broker) {
        context.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString()).run(started -> {
            assertThat(started).doesNotHaveBean(PhiSealer.class);
            assertThat(written(started.getBean(TopicCatalogue.class))).contains("warfarin");
        });
    }

    @Test
    void enabledEveryTopicAndStoreSerdeSealsAndTheKekKeystoreIsMadeOnFirstStart(EmbeddedKafkaBroker broker) {
        Path keystore = folder.resolve("phi/kek.p12");
        context.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "rxflow.phi.encryption.enabled=true", "rxflow.phi.encryption.kek-password=secret",
                "rxflow.phi.encryption.kek-keystore=" + keystore).run(started -> {
                    assertThat(started).hasNotFailed().hasSingleBean(PhiSealer.class);
                    TopicCatalogue catalogue = started.getBean(TopicCatalogue.class);
                    assertThat(written(catalogue)).doesNotContain("warfarin");
                    assertThat(new String(catalogue.<PatientEvent>storeSerde().serializer().serialize("store", message()),
                            StandardCharsets.ISO_8859_1)).as("a store's serde").doesNotContain("warfarin");
                    PatientEvent read = catalogue.topic(TopicCatalogue.PATIENT_MESSAGES).valueSerde().deserializer()
                            .deserialize("t", catalogue.topic(TopicCatalogue.PATIENT_MESSAGES).valueSerde()
                                    .serializer().serialize("t", message()));
                    assertThat(read.getMessageReceived().getText()).isEqualTo("my warfarin");
                    assertThat(Files.exists(keystore)).isTrue();
                    assertThat(started.getBean(KafkaAdmin.class).describeTopics("rxflow.patient-keys")
                            .get("rxflow.patient-keys").partitions())
                            .as("the patient keys made with the layout's partitions, not the broker's one")
                            .hasSize(3);
                });
    }

    @Test
    void enabledWithoutAKekPasswordRefusesToStart(EmbeddedKafkaBroker broker) {
        context.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "rxflow.phi.encryption.enabled=true",
                "rxflow.phi.encryption.kek-keystore=" + folder.resolve("kek.p12")).run(started ->
                assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("rxflow.phi.encryption.kek-password"));
    }

    private static String written(TopicCatalogue catalogue) {
        byte[] bytes = catalogue.topic(TopicCatalogue.PATIENT_MESSAGES).valueSerde().serializer()
                .serialize("t", message());
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static PatientEvent message() {
        return PatientEvent.newBuilder()
                .setMetadata(Metadata.start("c-1", "pt-1", "m-1", "gateway", Instant.now()))
                .setType(PatientEventType.MESSAGE_RECEIVED)
                .setMessageReceived(PatientMessageReceived.newBuilder().setMessageId("m-1").setText("my warfarin")
                        .setChannel("web").setClientId("web").build())
                .build();
    }
}
