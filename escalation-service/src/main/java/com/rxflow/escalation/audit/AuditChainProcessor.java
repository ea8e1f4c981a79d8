package com.rxflow.escalation.audit;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import com.rxflow.events.audit.AuditRecord;
import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.schemas.audit.AuditChain;

/**
 * Appends each access of its audit-access partition to that partition's chain: reads the head,
 * links the access ({@link AuditChain}), stores the new head and the record by patient, forwards
 * the record to audit-log. Under exactly-once processing the head, the index, the record and the
 * input's offset commit together, so a crash never skips or repeats a sequence number.
 */
final class AuditChainProcessor implements Processor<String, PatientDataAccessed, String, AuditRecord> {

    private ProcessorContext<String, AuditRecord> context;
    private KeyValueStore<Integer, AuditRecord> heads;
    private KeyValueStore<String, AuditRecord> byPatient;

    @Override
    public void init(ProcessorContext<String, AuditRecord> context) {
        this.context = context;
        this.heads = context.getStateStore(AuditStores.HEADS);
        this.byPatient = context.getStateStore(AuditStores.BY_PATIENT);
    }

    @Override
    public void process(Record<String, PatientDataAccessed> input) {
        PatientDataAccessed access = input.value();
        if (access == null) {
            return; // a tombstone carries no access
        }
        int partition = context.recordMetadata().orElseThrow().partition();
        AuditRecord record = AuditChain.link(heads.get(partition), partition, access);
        heads.put(partition, record);
        byPatient.put(AuditStores.key(access.getPatientPseudonym(), record.getSequence()), record);
        context.forward(input.withKey(access.getPatientPseudonym()).withValue(record));
    }
}
