package com.rxflow.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.events.audit.AuditActor;
import com.rxflow.events.audit.AuditActorKind;
import com.rxflow.events.audit.AuditPurpose;
import com.rxflow.events.audit.AuditPurposeKind;
import com.rxflow.events.audit.AuditRecord;
import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.schemas.audit.AuditChainVerifier.ChainBreak;
import com.rxflow.schemas.avro.AvroCodec;

class AuditChainVerifierTest {

    private static final int PARTITION = 1;

    @Test
    void anIntactChainIsReportedWithItsCountAndLastHash() {
        List<AuditRecord> chain = chain(4);

        AuditChainVerifier.PartitionReport report = verify(encoded(chain));

        assertThat(report.intact()).isTrue();
        assertThat(report.count()).isEqualTo(4);
        assertThat(report.lastHash()).isEqualTo(AuditHash.hex(AuditChain.bytes(chain.get(3).getHash())));
    }

    @Test
    void theFirstRecordLinksToThirtyTwoZeroBytes() {
        AuditRecord first = chain(1).get(0);

        assertThat(first.getSequence()).isZero();
        assertThat(AuditChain.bytes(first.getPreviousHash())).isEqualTo(new byte[32]);
    }

    @Test
    void aRecordChangedAfterItWasWrittenIsAHashMismatch() {
        List<AuditRecord> chain = chain(4);
        AuditRecord tampered = AuditRecord.newBuilder(chain.get(2)).build();
        tampered.getAccess().getActor().setId("someone-else");
        chain.set(2, tampered);

        ChainBreak broken = verify(encoded(chain)).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.HASH_MISMATCH);
        assertThat(broken.offset()).isEqualTo(2);
    }

    @Test
    void aDeletedRecordIsASequenceGap() {
        List<AuditRecord> chain = chain(4);
        chain.remove(1);

        ChainBreak broken = verify(encoded(chain)).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.SEQUENCE_GAP);
        assertThat(broken.detail()).contains("expected sequence 1, found 2");
    }

    @Test
    void aForgedHashOnAChangedRecordBreaksTheNextLink() {
        List<AuditRecord> chain = chain(4);
        AuditRecord forged = AuditRecord.newBuilder(chain.get(1)).build();
        forged.getAccess().setAction(AuditAction.CONVERSATION_READ);
        AuditRecord rehashed = AuditChain.link(chain.get(0), PARTITION, forged.getAccess());
        chain.set(1, rehashed);

        ChainBreak broken = verify(encoded(chain)).firstBreak().orElseThrow();

        assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.PREVIOUS_HASH_MISMATCH);
        assertThat(broken.offset()).isEqualTo(2);
    }

    @Test
    void aHashThatIsNotTheHashOfItsContentIsDetected() {
        List<AuditRecord> chain = chain(2);
        AuditRecord forged = AuditRecord.newBuilder(chain.get(1)).setHash(ByteBuffer.wrap(new byte[32])).build();
        chain.set(1, forged);

        assertThat(verify(encoded(chain)).firstBreak()).hasValueSatisfying(
                broken -> assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.HASH_MISMATCH));
    }

    @Test
    void anUndecodableRecordOrAnotherPartitionsRecordBreaksTheChain() {
        List<byte[]> values = encoded(chain(2));
        values.add(1, new byte[] {1, 2, 3});
        assertThat(verify(values).firstBreak().orElseThrow().kind()).isEqualTo(ChainBreak.Kind.UNDECODABLE);

        AuditChainVerifier other = new AuditChainVerifier(PARTITION + 1);
        other.accept(0, encoded(chain(1)).get(0));
        assertThat(other.report().firstBreak().orElseThrow().kind()).isEqualTo(ChainBreak.Kind.WRONG_PARTITION);
    }

    @Test
    void aChainWhoseOldestRecordsRetentionDeletedIsVerifiedFromItsFirstRemainingRecord() {
        List<byte[]> values = encoded(chain(5)).subList(2, 5);
        AuditChainVerifier verifier = new AuditChainVerifier(PARTITION, false);
        for (int i = 0; i < values.size(); i++) {
            verifier.accept(100 + i, values.get(i));
        }

        assertThat(verifier.report().intact()).isTrue();
        assertThat(verify(values).firstBreak()).as("read as if from the beginning").isPresent();
    }

    @Test
    void anEmptyPartitionIsIntactWithoutALastHash() {
        AuditChainVerifier.PartitionReport report = verify(List.of());

        assertThat(report.intact()).isTrue();
        assertThat(report.lastHash()).isNull();
    }

    static List<AuditRecord> chain(int length) {
        List<AuditRecord> chain = new ArrayList<>();
        AuditRecord head = null;
        for (int i = 0; i < length; i++) {
            head = AuditChain.link(head, PARTITION, access(i));
            chain.add(head);
        }
        return chain;
    }

    static PatientDataAccessed access(int i) {
        return PatientDataAccessed.newBuilder()
                .setAccessId("access-" + i)
                .setOccurredAt(Instant.ofEpochMilli(1_700_000_000_000L + i))
                .setActor(AuditActor.newBuilder().setKind(AuditActorKind.SERVICE).setId("tools-service").build())
                .setPatientPseudonym("pt-0123456789abcdef")
                .setAction(AuditAction.TOOL_CALLED)
                .setDetail("medication_history")
                .setPurpose(AuditPurpose.newBuilder().setKind(AuditPurposeKind.CONVERSATION).setId("conv-1").build())
                .setService("tools-service")
                .build();
    }

    private static List<byte[]> encoded(List<AuditRecord> chain) {
        List<byte[]> values = new ArrayList<>();
        chain.forEach(record -> values.add(AvroCodec.shared().encode(record)));
        return values;
    }

    private static AuditChainVerifier.PartitionReport verify(List<byte[]> values) {
        AuditChainVerifier verifier = new AuditChainVerifier(PARTITION);
        for (int offset = 0; offset < values.size(); offset++) {
            verifier.accept(offset, values.get(offset));
        }
        return verifier.report();
    }
}
