package com.rxflow.launcher.phi;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import com.rxflow.schemas.phi.PatientKeyEraser;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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

    @Mixin
    private PatientKeysTopicOptions kafka;

    @Override
    public Integer call() {
        Map<String, Object> config = kafka.clientConfig();
        String topic = kafka.topic();
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
}
