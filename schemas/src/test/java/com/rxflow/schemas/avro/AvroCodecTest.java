package com.rxflow.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.events.tools.MedicationHistoryQuery;

class AvroCodecTest {

    private final AvroCodec codec = AvroCodec.shared();

    @Test
    void aRecordRoundTripsIntoItsGeneratedClass() {
        PatientEvent event = PatientEvent.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId("e-1").setConversationId("c-1").setPatientId("patient_001")
                        .setOccurredAt(Instant.parse("2026-01-02T03:04:05.678Z"))
                        .setCorrelationId("m-1").setSource("gateway").build())
                .setType(PatientEventType.MESSAGE_RECEIVED)
                .setMessageReceived(new PatientMessageReceived("m-1", "refill my omeprazole", "web", "local-dev"))
                .build();

        byte[] bytes = codec.encode(event);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(codec.decode(bytes, PatientEvent.class)).isEqualTo(event);
    }

    @Test
    void aRecordWrittenWithAnOlderShippedVersionIsReadIntoTheCurrentClass() throws Exception {
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"MedicationHistoryQuery","namespace":"com.rxflow.events.tools","fields":[]}""");
        AvroCodec withOlderVersion = new AvroCodec(Map.of(MedicationHistoryQuery.class.getName(), List.of(older)), null);
        GenericRecord oldRecord = new GenericData.Record(older);
        ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(oldRecord);

        MedicationHistoryQuery read = withOlderVersion.decode(written.array(), MedicationHistoryQuery.class);

        assertThat(read.getMedication()).isNull();
    }

    @Test
    void aRecordWrittenWithAnUnknownSchemaIsRefusedWithItsFingerprint() throws Exception {
        Schema unknown = new Schema.Parser().parse("""
                {"type":"record","name":"Stranger","namespace":"com.rxflow.test","fields":[{"name":"x","type":"int"}]}""");
        GenericRecord record = new GenericData.Record(unknown);
        record.put("x", 1);
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), unknown).encode(record).array();

        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(AvroDecodingException.class)
                .hasMessageContaining("unknown schema fingerprint");
    }

    @Test
    void bytesThatAreNotSingleObjectEncodedAreRefused() {
        assertThatThrownBy(() -> codec.decode("{\"text\":\"hi\"}".getBytes()))
                .isInstanceOf(AvroDecodingException.class)
                .hasMessageContaining("not an Avro single-object encoded record");
    }

    @Test
    void aTruncatedRecordIsRefusedNotMisread() {
        byte[] bytes = codec.encode(MedicationHistoryQuery.newBuilder().setMedication("omeprazole").build());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(AvroDecodingException.class);
    }

    @Test
    void timestampsKeepMillisecondPrecision() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventMetadata metadata = EventMetadata.newBuilder().setEventId("e").setConversationId("c")
                .setOccurredAt(at).setCorrelationId("m").setSource("test").build();
        PatientEvent event = PatientEvent.newBuilder().setMetadata(metadata).setType(PatientEventType.UNKNOWN).build();

        assertThat(codec.decode(codec.encode(event), PatientEvent.class).getMetadata().getOccurredAt()).isEqualTo(at);
    }
}
