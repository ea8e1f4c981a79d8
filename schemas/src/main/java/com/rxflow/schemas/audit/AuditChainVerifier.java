package com.rxflow.schemas.audit;

import java.util.Arrays;
import java.util.Optional;

import com.rxflow.schemas.avro.AvroDecodingException;

/**
 * Verifies one partition of audit-log: fed the partition's record values in offset order (as a
 * {@code read_committed} consumer sees them, so aborted writes never count), it recomputes the
 * chain and remembers the first broken link. Pure: no Kafka, so the launcher's
 * {@code rxflow audit verify} and the tests run the same rules.
 *
 * <p>A link is broken when it cannot be decoded, belongs to another partition, does not follow
 * the previous sequence number (a record removed or inserted), does not name the previous record's
 * hash, or does not carry the hash of its own content (a record changed after it was written).
 * After a break the verifier goes on counting, taking the broken record as the new head, so one
 * tampered record is reported once, not once for every record after it.
 */
public final class AuditChainVerifier {

    private final int partition;
    private boolean anchored;
    private long count;
    private long nextSequence;
    private byte[] head = AuditHash.genesis();
    private ChainBreak firstBreak;

    /** A verifier of a partition read from its first record, which must be sequence 0. */
    public AuditChainVerifier(int partition) {
        this(partition, true);
    }

    /**
     * @param fromGenesis false when the partition's oldest records were deleted by retention: the
     *                    first record read is then trusted as the anchor (its sequence and previous
     *                    hash are taken as given, its own hash is still checked)
     */
    public AuditChainVerifier(int partition, boolean fromGenesis) {
        this.partition = partition;
        this.anchored = fromGenesis;
    }

    /** Checks the next record of the partition. */
    public void accept(long offset, byte[] value) {
        count++;
        AuditLink link;
        try {
            link = AuditLink.read(value);
        } catch (AvroDecodingException e) {
            broken(offset, ChainBreak.Kind.UNDECODABLE, e.getMessage());
            nextSequence++;
            return;
        }
        if (!anchored) {
            anchored = true;
            nextSequence = link.sequence();
            head = link.previousHash();
        }
        if (link.partition() != partition) {
            broken(offset, ChainBreak.Kind.WRONG_PARTITION, "the record belongs to partition " + link.partition());
        } else if (link.sequence() != nextSequence) {
            broken(offset, ChainBreak.Kind.SEQUENCE_GAP, "expected sequence " + nextSequence + ", found "
                    + link.sequence());
        } else if (!Arrays.equals(link.previousHash(), head)) {
            broken(offset, ChainBreak.Kind.PREVIOUS_HASH_MISMATCH, "sequence " + link.sequence()
                    + " links to " + AuditHash.hex(link.previousHash()) + ", not to the previous record's "
                    + AuditHash.hex(head));
        } else if (!link.hashMatches()) {
            broken(offset, ChainBreak.Kind.HASH_MISMATCH, "sequence " + link.sequence()
                    + " does not carry the hash of its content (changed after it was written, or forged)");
        }
        nextSequence = link.sequence() + 1;
        head = link.hash();
    }

    /** What was verified so far. */
    public PartitionReport report() {
        return new PartitionReport(partition, count, count == 0 ? null : AuditHash.hex(head),
                Optional.ofNullable(firstBreak));
    }

    private void broken(long offset, ChainBreak.Kind kind, String detail) {
        if (firstBreak == null) {
            firstBreak = new ChainBreak(offset, kind, detail);
        }
    }

    /**
     * The first broken link of a partition.
     *
     * @param offset where it is on audit-log
     * @param kind   what is wrong with it
     * @param detail in words, for the report
     */
    public record ChainBreak(long offset, Kind kind, String detail) {

        /** The ways a link can be broken. */
        public enum Kind {
            UNDECODABLE, WRONG_PARTITION, SEQUENCE_GAP, PREVIOUS_HASH_MISMATCH, HASH_MISMATCH
        }
    }

    /**
     * One partition's verdict.
     *
     * @param partition  the partition
     * @param count      records read
     * @param lastHash   the last record's hash in hex; null for an empty partition
     * @param firstBreak the first broken link; empty when the chain is intact
     */
    public record PartitionReport(int partition, long count, String lastHash, Optional<ChainBreak> firstBreak) {

        public boolean intact() {
            return firstBreak.isEmpty();
        }
    }
}
