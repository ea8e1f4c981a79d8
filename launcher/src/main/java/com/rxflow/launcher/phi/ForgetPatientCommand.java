package com.rxflow.launcher.phi;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.CommonClientConfigs;

import com.rxflow.schemas.phi.PatientKeyEraser;
import com.rxflow.schemas.phi.PatientKeysTopic;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow forget-patient ID}: crypto-shredding. Writes a tombstone for each of the patient's
 * data keys on the patient-keys topic; from then on every PHI field sealed for them, on every topic
 * and changelog, reads as erased (docs/security.md). Needs no key-encryption key.
 */
@Command(name = "forget-patient", showDefaultValues = true,
        description = {"Forget a patient: delete their data keys, so their messages, names, medications and "
                + "every other PHI field sealed for them can no longer be read anywhere (with "
                + "rxflow.phi.encryption.enabled; docs/security.md).",
                "Records written while encryption was off are not affected."})
public final class ForgetPatientCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATIENT_ID", description = "The patient's id, as in EventMetadata.patientId.")
    private String patientId;

    @Option(names = "--bootstrap-server", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT[,...]",
            description = "The Kafka cluster (the local stack's broker by default).")
    private String bootstrapServers;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties (security) of a principal that may write the topic.")
    private Path clientConfig;

    @Option(names = "--topic", defaultValue = PatientKeysTopic.DEFAULT_NAME, paramLabel = "NAME",
            description = "The patient-keys topic.")
    private String topic;

    @Override
    public Integer call() {
        Map<String, Object> config = new HashMap<>();
        if (clientConfig != null) {
            read(clientConfig).forEach((key, value) -> config.put(String.valueOf(key), value));
        }
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Set<String> forgotten = PatientKeyEraser.forget(topic, config, patientId);
        if (forgotten.isEmpty()) {
            spec.commandLine().getOut().printf("%s has no data key on %s: nothing sealed for them to forget%n",
                    patientId, topic);
        } else {
            spec.commandLine().getOut().printf("%s forgotten: %d data key(s) tombstoned on %s%n", patientId,
                    forgotten.size(), topic);
        }
        return 0;
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }
}
