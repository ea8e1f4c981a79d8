package com.rxflow.schemas.audit;

import java.nio.ByteBuffer;

import com.rxflow.events.audit.AuditRecord;
import com.rxflow.events.audit.PatientDataAccessed;

/** How the chain's writer links the next access to a partition's chain, by {@link AuditHash}'s rule. */
public final class AuditChain {

    private AuditChain() {
    }

    /**
     * The record that appends {@code access} to a partition's chain.
     *
     * @param head the partition's last record; null for an empty chain
     */
    public static AuditRecord link(AuditRecord head, int partition, PatientDataAccessed access) {
        long sequence = head == null ? 0 : head.getSequence() + 1;
        byte[] previous = head == null ? AuditHash.genesis() : bytes(head.getHash());
        byte[] hash = AuditHash.of(previous, partition, sequence, AuditHash.binary(access));
        return AuditRecord.newBuilder()
                .setPartition(partition)
                .setSequence(sequence)
                .setPreviousHash(ByteBuffer.wrap(previous))
                .setHash(ByteBuffer.wrap(hash))
                .setAccess(access)
                .build();
    }

    /** The bytes of an Avro bytes field, without moving its buffer. */
    public static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
