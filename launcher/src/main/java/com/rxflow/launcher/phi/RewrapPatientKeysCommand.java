package com.rxflow.launcher.phi;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;
import com.rxflow.schemas.phi.PatientKeyRewrapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow rewrap-patient-keys}: after a KEK rotation, wraps every live data key with the
 * newest KEK ({@link PatientKeyRewrapper}); with {@code --retire-older}, then removes the older KEKs
 * from the keystore when no live key is wrapped by them any more (docs/security.md, "Rotating the KEK").
 */
@Command(name = "rewrap-patient-keys", showDefaultValues = true,
        description = {"After a KEK rotation: wrap every patient's data key with the newest key-encryption key, "
                + "so the older ones can be retired. The data keys do not change; nothing sealed is rewritten. "
                + "Forgotten patients are skipped (docs/security.md).",
                "Run it only once every service runs with the rotated keystore: a service without the newest KEK "
                + "cannot unwrap a re-wrapped key."})
public final class RewrapPatientKeysCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--kek-keystore", defaultValue = ".rxflow/phi/kek.p12", paramLabel = "FILE",
            description = "The PKCS12 keystore of the key-encryption keys (kek-1, kek-2...).")
    private Path keystore;

    @Option(names = "--kek-password-file", defaultValue = ".rxflow/phi/kek-password", paramLabel = "FILE",
            description = "A file holding the keystore's password (its first line).")
    private Path passwordFile;

    @Option(names = "--retire-older",
            description = "Afterwards, remove the older KEKs from the keystore file, if no live data key is wrapped by them.")
    private boolean retireOlder;

    @Mixin
    private PatientKeysTopicOptions kafka;

    @Override
    public Integer call() {
        Map<String, Object> config = kafka.clientConfig();
        String topic = kafka.topic();
        char[] password = KeystoreKeyEncryptionKey.readPassword(passwordFile);
        KeystoreKeyEncryptionKey kek = KeystoreKeyEncryptionKey.open(keystore, password);
        PrintWriter out = spec.commandLine().getOut();

        PatientKeyRewrapper.Result result = new PatientKeyRewrapper(topic, config, kek).rewrap();
        out.printf("%s: %d data key(s) re-wrapped with %s, %d already wrapped by it, %d skipped (forgotten)%n",
                topic, result.rewrapped(), result.currentKek(), result.alreadyCurrent(), result.skippedForgotten());
        if (result.tombstonesRewritten() > 0) {
            out.printf("%d patient key(s) were forgotten while re-wrapping: their tombstones were written again%n",
                    result.tombstonesRewritten());
        }
        result.unreadable().forEach((recordKey, reason) -> out.printf("not re-wrapped: %s (%s)%n", recordKey, reason));
        if (!result.unreadable().isEmpty()) {
            out.printf("%d data key(s) could not be unwrapped with %s: no KEK retired%n", result.unreadable().size(),
                    keystore);
            return 1;
        }
        if (retireOlder) {
            Map<String, Integer> byKek = PatientKeyRewrapper.keysByKek(topic, config);
            for (String older : kek.ids()) {
                if (older.equals(result.currentKek())) {
                    continue;
                }
                int left = byKek.getOrDefault(older, 0);
                if (left > 0) {
                    out.printf("%s not retired: %d live data key(s) are wrapped by it (a service without %s wrote them? "
                            + "restart every service with the rotated keystore and run this again)%n", older, left,
                            result.currentKek());
                    return 1;
                }
                KeystoreKeyEncryptionKey.retire(keystore, password, older);
                out.printf("%s retired from %s%n", older, keystore);
            }
        }
        return 0;
    }
}
