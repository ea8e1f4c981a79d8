package com.rxflow.launcher.phi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rxflow.launcher.RxflowCli;
import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.schemas.phi.DataKey;
import com.rxflow.schemas.phi.KafkaPatientKeyring;
import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;
import com.rxflow.schemas.phi.PatientKeyEraser;
import com.rxflow.schemas.phi.PatientKeysTopic;

class RewrapPatientKeysCommandTest {

    @Test
    void rewrapsWithTheNewestKekSkipsTheForgottenAndRetiresTheOlderKek(@TempDir Path dataDir) throws Exception {
        Path phi = dataDir.resolve("phi");
        Map<String, Object> settings = LocalPhiEncryption.prepare(phi);
        Path keystore = Path.of((String) settings.get("rxflow.phi.encryption.kek-keystore"));
        char[] password = ((String) settings.get("rxflow.phi.encryption.kek-password")).toCharArray();
        try (EmbeddedBroker broker = new EmbeddedBroker(dataDir.resolve("kafka"), 0).start()) {
            Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
            DataKey a;
            try (KafkaPatientKeyring keyring = keyring(client, KeystoreKeyEncryptionKey.open(keystore, password))) {
                a = keyring.currentKey("pt-a");
                keyring.currentKey("pt-b");
            }
            PatientKeyEraser.forget(PatientKeysTopic.DEFAULT_NAME, client, "pt-b");
            KeystoreKeyEncryptionKey.rotate(keystore, password);

            StringWriter out = new StringWriter();
            int exit = RxflowCli.commandLine().setOut(new PrintWriter(out)).execute("rewrap-patient-keys",
                    "--kek-keystore", keystore.toString(), "--kek-password-file", phi.resolve("kek-password").toString(),
                    "--bootstrap-server", broker.bootstrapServers(), "--retire-older");

            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString())
                    .contains("rxflow.patient-keys: 1 data key(s) re-wrapped with kek-2, 0 already wrapped by it, "
                            + "1 skipped (forgotten)")
                    .contains("kek-1 retired from " + keystore);
            KeystoreKeyEncryptionKey retired = KeystoreKeyEncryptionKey.open(keystore, password);
            assertThat(retired.ids()).containsExactly("kek-2");
            try (KafkaPatientKeyring restarted = keyring(client, retired)) {
                assertThat(restarted.key("pt-a", a.keyId())).hasValueSatisfying(key ->
                        assertThat(key.key().getEncoded()).isEqualTo(a.key().getEncoded()));
                assertThat(restarted.currentKey("pt-a").keyId()).isEqualTo(a.keyId());
            }
        }
    }

    private static KafkaPatientKeyring keyring(Map<String, Object> client, KeystoreKeyEncryptionKey kek) {
        return new KafkaPatientKeyring(PatientKeysTopic.DEFAULT_NAME, client, kek, Duration.ofSeconds(1),
                Clock.systemUTC());
    }
}
