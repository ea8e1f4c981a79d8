package com.rxflow.launcher.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

import com.rxflow.events.patient.ConversationOpened;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.platform.validation.InvalidInputException;
import com.rxflow.platform.validation.PatientInputRules;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.event.Metadata;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow patient-event}: writes one PatientEvent, Avro single-object encoded exactly as
 * RxFlow's serializer writes it, to a file, so a channel developer can put it on
 * {@code rxflow.patient-messages} with any Kafka tool (gateway/README.md shows kcat) and see the contract
 * a channel that speaks Kafka must produce.
 */
@Command(name = "patient-event", showDefaultValues = true,
        description = "Write a PatientEvent (Avro single-object encoding) to a file, for producing it with kcat.")
public final class PatientEventCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--conversation", required = true, paramLabel = "ID",
            description = "The conversation id; also the record key to produce it with.")
    private String conversationId;

    @Option(names = "--patient", required = true, paramLabel = "ID",
            description = "The patient the conversation is bound to.")
    private String patientId;

    @Option(names = "--client", required = true, paramLabel = "ID",
            description = "The channel client's id; every event of a conversation must name the same one.")
    private String clientId;

    @Option(names = "--channel", defaultValue = "sms", paramLabel = "NAME", description = "The channel.")
    private String channel;

    @Option(names = "--open", description = "Write CONVERSATION_OPENED instead of a message.")
    private boolean open;

    @Option(names = "--message-id", paramLabel = "ID",
            description = "The message id (a message posted twice with one id is one turn).")
    private String messageId;

    @Option(names = "--text", paramLabel = "TEXT", description = "What the patient wrote.")
    private String text;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the encoded event.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (!open && (messageId == null || text == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "A message needs --message-id and --text (or --open for CONVERSATION_OPENED)");
        }
        PatientEvent event = event();
        try {
            // the processor checks a channel's records with the gateway's rules: refuse here what it would refuse
            PatientInputRules.defaults().check(conversationId, event);
        } catch (InvalidInputException refused) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "The processor would dead-letter this record: " + refused.getMessage());
        }
        byte[] encoded = AvroCodec.shared().encode(event);
        Files.write(out, encoded);
        spec.commandLine().getOut().printf("Wrote %s %s (%d bytes) to %s; produce it with key %s.%n",
                open ? "CONVERSATION_OPENED" : "MESSAGE_RECEIVED", open ? conversationId : messageId, encoded.length,
                out, conversationId);
        return 0;
    }

    PatientEvent event() {
        // the correlation id of a turn is its message id; an opening correlates by the conversation id
        PatientEvent.Builder event = PatientEvent.newBuilder().setMetadata(Metadata.start(conversationId, patientId,
                open ? conversationId : messageId, clientId, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        if (open) {
            return event.setType(PatientEventType.CONVERSATION_OPENED)
                    .setConversationOpened(ConversationOpened.newBuilder().setPatientId(patientId).setChannel(channel)
                            .setClientId(clientId).build())
                    .build();
        }
        return event.setType(PatientEventType.MESSAGE_RECEIVED)
                .setMessageReceived(PatientMessageReceived.newBuilder().setMessageId(messageId).setText(text)
                        .setChannel(channel).setClientId(clientId).build())
                .build();
    }
}
