package com.rxflow.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

import com.rxflow.events.patient.PatientEvent;

/** The check the history test relies on must refuse the changes that break old or new readers. */
class CompatibilityTest {

    private static final Schema V1 = SchemaBuilder.record("Sample").namespace("com.rxflow.test").fields()
            .requiredString("id")
            .requiredString("text")
            .endRecord();

    @Test
    void addingAFieldWithADefaultIsCompatibleBothWays() {
        Schema v2 = SchemaBuilder.record("Sample").namespace("com.rxflow.test").fields()
                .requiredString("id")
                .requiredString("text")
                .name("channel").type().stringType().stringDefault("web")
                .endRecord();

        assertThat(Compatibility.problems(List.of(V1), v2)).isEmpty();
    }

    @Test
    void removingAFieldWithoutADefaultBreaksOldReaders() {
        Schema v2 = SchemaBuilder.record("Sample").namespace("com.rxflow.test").fields()
                .requiredString("id")
                .endRecord();

        assertThat(Compatibility.problems(List.of(V1), v2))
                .singleElement().asString().startsWith("forward").contains("text");
    }

    @Test
    void addingAFieldWithoutADefaultBreaksNewReaders() {
        Schema v2 = SchemaBuilder.record("Sample").namespace("com.rxflow.test").fields()
                .requiredString("id")
                .requiredString("text")
                .requiredString("channel")
                .endRecord();

        assertThat(Compatibility.problems(List.of(V1), v2))
                .singleElement().asString().startsWith("backward").contains("channel");
    }

    @Test
    void removingAFieldFromARealEnvelopeIsRefused() {
        Schema current = PatientEvent.getClassSchema();
        Schema withoutType = new Schema.Parser().parse(current.toString()
                .replace("{\"name\":\"type\",\"type\":{\"type\":\"enum\"", "{\"name\":\"kind\",\"type\":{\"type\":\"enum\""));

        assertThat(Compatibility.problems(List.of(current), withoutType)).isNotEmpty();
    }

    @Test
    void anEnumSymbolAddedIsReadByOldReadersThroughTheirDefault() {
        Schema v1 = new Schema.Parser().parse("""
                {"type":"enum","name":"Kind","namespace":"com.rxflow.test","symbols":["UNKNOWN","A"],"default":"UNKNOWN"}""");
        Schema v2 = new Schema.Parser().parse("""
                {"type":"enum","name":"Kind","namespace":"com.rxflow.test","symbols":["UNKNOWN","A","B"],"default":"UNKNOWN"}""");

        assertThat(Compatibility.problems(List.of(v1), v2)).isEmpty();
    }
}
