package com.rxflow.platform.phi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mock.env.MockEnvironment;

import com.rxflow.platform.kafka.RxflowKafkaProperties;
import com.rxflow.platform.logging.PseudonymProperties;
import com.rxflow.platform.readiness.ProductionRule;
import com.rxflow.platform.readiness.ReadinessConfiguration;
import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;

/**
 * Under prod, PHI encryption on needs a provisioned KEK: a keystore that exists and its password.
 * A missing keystore is never made at start-up there (each service would make its own KEK).
 */
class PhiEncryptionRuleTest {

    private static final String[] OTHERWISE_READY = {"spring.application.name=test-service",
            "spring.profiles.active=prod", "rxflow.logging.pseudonym-key=0123456789abcdef0123456789abcdef",
            "rxflow.kafka.topics.replication-factor=3", "rxflow.kafka.topics.min-insync-replicas=2",
            "rxflow.phi.encryption.enabled=true"};

    @TempDir
    Path folder;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, ReadinessConfiguration.class)
            .withPropertyValues(OTHERWISE_READY);

    @Test
    void productionRefusesAMissingKeystoreAndAMissingPassword() {
        Path missing = folder.resolve("kek.p12");
        context.withPropertyValues("rxflow.phi.encryption.kek-keystore=" + missing).run(started -> {
            String message = failure(started).getMessage();
            assertThat(message).contains("rxflow.phi.encryption.kek-keystore: is " + missing + ", not a readable file")
                    .contains("rxflow.phi.encryption.kek-password: rxflow.phi.encryption.kek-password (or "
                            + "kek-password-file) is required");
        });
        assertThat(missing).doesNotExist();
    }

    @Test
    void productionRefusesAnEmptyPasswordFile() throws Exception {
        Path keystore = keystore();
        Path passwordFile = Files.writeString(folder.resolve("kek-password"), "\n");
        context.withPropertyValues("rxflow.phi.encryption.kek-keystore=" + keystore,
                "rxflow.phi.encryption.kek-password-file=" + passwordFile).run(started ->
                assertThat(failure(started).getMessage()).contains("rxflow.phi.encryption.kek-password-file: "
                        + "the KEK password file " + passwordFile + " is empty"));
    }

    @Test
    void productionStartsWithAProvisionedKeystoreAndPasswordFile() throws Exception {
        Path keystore = keystore();
        Path passwordFile = Files.writeString(folder.resolve("kek-password"), "kek-secret\n", StandardCharsets.UTF_8);
        context.withPropertyValues("rxflow.phi.encryption.kek-keystore=" + keystore,
                "rxflow.phi.encryption.kek-password-file=" + passwordFile).run(started -> {
                    assertThat(started).hasNotFailed();
                    PhiEncryptionProperties properties = started.getBean(PhiEncryptionProperties.class);
                    MockEnvironment prod = new MockEnvironment();
                    prod.setActiveProfiles("prod");
                    assertThat(new PhiEncryptionConfiguration().keyEncryptionKey(properties, prod).currentId())
                            .isEqualTo("kek-1");
                });
    }

    @Test
    void theKekIsMadeOnFirstStartOutsideProductionOnly() {
        Path missing = folder.resolve("phi/kek.p12");
        PhiEncryptionProperties properties = new PhiEncryptionProperties(true, missing, "kek-secret", null,
                java.time.Duration.ofSeconds(5), 10);
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        PhiEncryptionConfiguration configuration = new PhiEncryptionConfiguration();

        assertThatThrownBy(() -> configuration.keyEncryptionKey(properties, prod))
                .hasMessageContaining("no KEK keystore at " + missing);
        assertThat(missing).doesNotExist();
        assertThat(configuration.keyEncryptionKey(properties, new MockEnvironment()).currentId()).isEqualTo("kek-1");
        assertThat(missing).exists();
    }

    @Test
    void outsideProductionTheRuleIsNotApplied() {
        context.withPropertyValues("spring.profiles.active=local",
                "rxflow.phi.encryption.kek-keystore=" + folder.resolve("kek.p12"))
                .run(started -> assertThat(started).hasNotFailed());
    }

    private Path keystore() {
        Path keystore = folder.resolve("kek.p12");
        KeystoreKeyEncryptionKey.openOrCreate(keystore, "kek-secret".toCharArray());
        return keystore;
    }

    private static Throwable failure(AssertableApplicationContext started) {
        assertThat(started).hasFailed();
        return NestedExceptionUtils.getMostSpecificCause(started.getStartupFailure());
    }

    /** The rule as PhiEncryptionConfiguration registers it, without the keyring (no broker here). */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({KafkaProperties.class, RxflowKafkaProperties.class, PseudonymProperties.class,
            PhiEncryptionProperties.class})
    static class Settings {
        @Bean
        ProductionRule phiEncryptionRule(PhiEncryptionProperties properties) {
            return new PhiEncryptionConfiguration().phiEncryptionRule(properties);
        }
    }
}
