package com.rxflow.launcher.phi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import com.rxflow.schemas.phi.PatientKeysTopic;

class ForgetPatientCommandTest {

    @Test
    void forgetPatientDeletesThatPatientsKeysAndNoOneElses(@TempDir Path dataDir) throws Exception {
        Map<String, Object> phi = LocalPhiEncryption.prepare(dataDir.resolve("phi"));
        KeystoreKeyEncryptionKey kek = KeystoreKeyEncryptionKey.openOrCreate(
                Path.of((String) phi.get("rxflow.phi.encryption.kek-keystore")),
                ((String) phi.get("rxflow.phi.encryption.kek-password")).toCharArray());
        try (EmbeddedBroker broker = new EmbeddedBroker(dataDir.resolve("kafka"), 0).start()) {
            Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
            DataKey a;
            DataKey b;
            try (KafkaPatientKeyring keyring = keyring(client, kek)) {
                a = keyring.currentKey("pt-a");
                b = keyring.currentKey("pt-b");
            }

            StringWriter out = new StringWriter();
            int exit = RxflowCli.commandLine().setOut(new PrintWriter(out))
                    .execute("forget-patient", "pt-a", "--bootstrap-server", broker.bootstrapServers());

            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("pt-a forgotten: 1 data key(s) tombstoned on rxflow.patient-keys");
            try (KafkaPatientKeyring restarted = keyring(client, kek)) {
                assertThat(restarted.key("pt-a", a.keyId())).isEmpty();
                assertThat(restarted.key("pt-b", b.keyId())).hasValueSatisfying(key ->
                        assertThat(key.key().getEncoded()).isEqualTo(b.key().getEncoded()));
            }
            StringWriter again = new StringWriter();
            RxflowCli.commandLine().setOut(new PrintWriter(again))
                    .execute("forget-patient", "pt-a", "--bootstrap-server", broker.bootstrapServers());
            assertThat(again.toString()).contains("pt-a has no data key");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("phi/kek-password"))))
                .isEqualTo("rw-------");
        assertThat(LocalPhiEncryption.prepare(dataDir.resolve("phi"))).as("a later start reuses the KEK")
                .isEqualTo(phi);
    }

    private static KafkaPatientKeyring keyring(Map<String, Object> client, KeystoreKeyEncryptionKey kek) {
        return new KafkaPatientKeyring(PatientKeysTopic.DEFAULT_NAME, client, kek, Duration.ofSeconds(1),
                Clock.systemUTC());
    }
}
