package com.rxflow.launcher.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.schemas.avro.AvroCodec;

import picocli.CommandLine;

class PatientEventCommandTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void writesAMessageAsRxflowsSerializerWouldWriteIt() throws IOException {
        Path file = folder.resolve("m1.avro");

        assertThat(run("--conversation", "c1", "--patient", "patient_002", "--client", "sms-adapter",
                "--message-id", "sms-1", "--text", "What do I take?", "--out", file.toString())).isZero();

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        PatientEvent event = AvroCodec.shared().decode(bytes, PatientEvent.class);
        assertThat(event.getType()).isEqualTo(PatientEventType.MESSAGE_RECEIVED);
        assertThat(event.getMetadata().getConversationId()).isEqualTo("c1");
        assertThat(event.getMetadata().getPatientId()).isEqualTo("patient_002");
        assertThat(event.getMetadata().getCorrelationId()).isEqualTo("sms-1");
        assertThat(event.getMetadata().getSource()).isEqualTo("sms-adapter");
        assertThat(event.getMessageReceived().getText()).isEqualTo("What do I take?");
        assertThat(event.getMessageReceived().getChannel()).isEqualTo("sms");
        assertThat(event.getMessageReceived().getClientId()).isEqualTo("sms-adapter");
        assertThat(out.toString()).contains("produce it with key c1");
    }

    @Test
    void writesAnOpening() throws IOException {
        Path file = folder.resolve("open.avro");

        assertThat(run("--conversation", "c1", "--patient", "patient_002", "--client", "sms-adapter", "--open",
                "--out", file.toString())).isZero();

        PatientEvent event = AvroCodec.shared().decode(Files.readAllBytes(file), PatientEvent.class);
        assertThat(event.getType()).isEqualTo(PatientEventType.CONVERSATION_OPENED);
        assertThat(event.getConversationOpened().getPatientId()).isEqualTo("patient_002");
        assertThat(event.getMetadata().getCorrelationId()).isEqualTo("c1");
    }

    @Test
    void aMessageNeedsItsIdAndText() {
        assertThat(run("--conversation", "c1", "--patient", "p", "--client", "a", "--out",
                folder.resolve("x").toString())).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("A message needs --message-id and --text");
    }

    @Test
    void aRecordTheProcessorWouldRefuseIsNotWritten() {
        Path file = folder.resolve("bad.avro");

        assertThat(run("--conversation", "sms|1", "--patient", "patient_002", "--client", "sms-adapter",
                "--message-id", "sms-1", "--text", "hello", "--out", file.toString()))
                .isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("would dead-letter", "UNSAFE_ID", "conversationId");
        assertThat(file).doesNotExist();
    }

    private int run(String... args) {
        return new CommandLine(new PatientEventCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }
}
