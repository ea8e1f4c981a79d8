package com.rxflow.escalation.audit;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import com.rxflow.events.audit.AuditRecord;
import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.schemas.audit.AuditChain;
import com.rxflow.schemas.audit.AuditHash;

/**
 * One access as the auditor reads it: who, what, when, why, and where it sits in its chain.
 *
 * @param partition    the chain (audit-log partition) the record is in
 * @param sequence     its position in the chain
 * @param hash         its hash, hex
 * @param previousHash the previous record's hash, hex
 * @param accessId     the access's id
 * @param occurredAt   when the access happened
 * @param actorKind    PATIENT, STAFF, CHANNEL or SERVICE
 * @param actorId      the login, client id, service name or (for a patient) their pseudonym
 * @param action       what was done
 * @param detail       what exactly, where recorded (a tool's name)
 * @param purposeKind  CONVERSATION, CASE or AUDIT
 * @param purposeId    the conversation, case or audit query it served
 * @param service      the service that served the access
 */
@Schema(description = "An access to a patient's data, from the audit chain")
public record AccessView(int partition, long sequence, String hash, String previousHash, String accessId,
        Instant occurredAt, String actorKind, String actorId, String action, String detail, String purposeKind,
        String purposeId, String service) {

    static AccessView of(AuditRecord record) {
        PatientDataAccessed access = record.getAccess();
        return new AccessView(record.getPartition(), record.getSequence(),
                AuditHash.hex(AuditChain.bytes(record.getHash())), AuditHash.hex(AuditChain.bytes(record.getPreviousHash())),
                access.getAccessId(), access.getOccurredAt(), access.getActor().getKind().name(),
                access.getActor().getId(), access.getAction().name(), access.getDetail(),
                access.getPurpose().getKind().name(), access.getPurpose().getId(), access.getService());
    }
}
