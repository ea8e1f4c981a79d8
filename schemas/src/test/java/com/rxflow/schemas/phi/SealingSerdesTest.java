package com.rxflow.schemas.phi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.schemas.serde.AvroDeserializer;
import com.rxflow.schemas.serde.AvroSerializer;

/** RxFlow's value serdes, configured as the platform configures them: with and without a PHI sealer. */
class SealingSerdesTest {

    private final PatientEvent event = PhiRecords.message("c-1", "pt-a", "refill my lisinopril");

    @Test
    void serdesConfiguredWithASealerWriteNoPhiAndReadTheOriginalBack() {
        Map<String, Object> config = Map.of(PhiSealer.CONFIG, new PhiSealer(new MemoryKeyring()));

        byte[] bytes = serializer(config).serialize("t", event);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("lisinopril");
        assertThat(deserializer(config).deserialize("t", bytes)).isEqualTo(event);
        assertThat(deserializer(Map.of()).deserialize("t", bytes).getMessageReceived().getText())
                .as("without the sealer the text stays sealed").startsWith(FieldCipher.STRING_PREFIX);
    }

    @Test
    void serdesWithoutASealerWriteAndReadTheRecordInTheClear() {
        byte[] bytes = serializer(Map.of()).serialize("t", event);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("lisinopril");
        assertThat(deserializer(Map.of()).deserialize("t", bytes)).isEqualTo(event);
    }

    @Test
    void aLaterConfigureWithoutTheSealerKeepsIt() {
        Map<String, Object> config = Map.of(PhiSealer.CONFIG, new PhiSealer(new MemoryKeyring()));
        AvroSerializer<PatientEvent> serializer = serializer(config);
        AvroDeserializer<PatientEvent> deserializer = deserializer(config);
        // the client configures a serde it was handed with its own properties, which carry no sealer
        serializer.configure(Map.of("bootstrap.servers", "x:9092"), false);
        deserializer.configure(Map.of("bootstrap.servers", "x:9092"), false);

        byte[] bytes = serializer.serialize("t", event);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("lisinopril");
        assertThat(deserializer.deserialize("t", bytes)).isEqualTo(event);
    }

    @Test
    void bytesThatAreNotAnRxflowRecordAreASerializationException() {
        assertThatThrownBy(() -> deserializer(Map.of()).deserialize("t", new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("record on t is not readable");
    }

    private static AvroSerializer<PatientEvent> serializer(Map<String, ?> config) {
        AvroSerializer<PatientEvent> serializer = new AvroSerializer<>();
        serializer.configure(config, false);
        return serializer;
    }

    private static AvroDeserializer<PatientEvent> deserializer(Map<String, ?> config) {
        AvroDeserializer<PatientEvent> deserializer = new AvroDeserializer<>();
        deserializer.configure(config, false);
        return deserializer;
    }
}
