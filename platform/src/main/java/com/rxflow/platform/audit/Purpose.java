package com.rxflow.platform.audit;

import java.util.Objects;

import com.rxflow.events.audit.AuditPurposeKind;

/**
 * Why a patient's data was read or changed, for {@link AuditTrail#record}.
 *
 * @param kind the conversation, case, audit or erasure request the access served
 * @param id   its id
 */
public record Purpose(AuditPurposeKind kind, String id) {

    public Purpose {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Purpose conversation(String conversationId) {
        return new Purpose(AuditPurposeKind.CONVERSATION, conversationId);
    }

    /** A pharmacist's or prescriber's case, by escalation id. */
    public static Purpose escalationCase(String escalationId) {
        return new Purpose(AuditPurposeKind.CASE, escalationId);
    }

    /** An auditor's query, by its id. */
    public static Purpose audit(String queryId) {
        return new Purpose(AuditPurposeKind.AUDIT, queryId);
    }

    /** A request to forget a patient (their data keys tombstoned), by its id. */
    public static Purpose erasure(String requestId) {
        return new Purpose(AuditPurposeKind.ERASURE, requestId);
    }
}
