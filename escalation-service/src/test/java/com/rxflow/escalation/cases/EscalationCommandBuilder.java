package com.rxflow.escalation.cases;

import java.time.Instant;
import java.util.List;

import com.rxflow.events.escalation.EscalateConversation;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationCommandType;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.escalation.ForwardPatientMessage;
import com.rxflow.events.escalation.PatientSummary;
import com.rxflow.events.escalation.WithdrawEscalation;
import com.rxflow.events.escalation.TranscriptEntry;
import com.rxflow.schemas.event.Metadata;

/** Escalation commands as the conversation processor writes them, with readable defaults. */
public final class EscalationCommandBuilder {

    public static final Instant ASKED_AT = Instant.parse("2025-03-03T09:00:00Z");

    private String conversationId = "conv-1";
    private String patientId = "patient-7";
    private String escalationId = "esc-1";
    private EscalationPriority priority = EscalationPriority.HIGH;
    private EscalationRoute route = EscalationRoute.PHARMACIST;
    private EscalationCommandType type = EscalationCommandType.ESCALATE_CONVERSATION;
    private boolean withPayload = true;

    private EscalationCommandBuilder() {
    }

    public static EscalationCommandBuilder anEscalation() {
        return new EscalationCommandBuilder();
    }

    /** A command of a type this version does not know, as read from a newer writer. */
    public static EscalationCommandBuilder anUnknownCommand() {
        EscalationCommandBuilder builder = new EscalationCommandBuilder();
        builder.type = EscalationCommandType.UNKNOWN;
        builder.withPayload = false;
        return builder;
    }

    public EscalationCommandBuilder conversation(String id) {
        conversationId = id;
        return this;
    }

    public EscalationCommandBuilder escalationId(String id) {
        escalationId = id;
        return this;
    }

    public EscalationCommandBuilder priority(EscalationPriority value) {
        priority = value;
        return this;
    }

    public EscalationCommandBuilder route(EscalationRoute value) {
        route = value;
        return this;
    }

    public EscalationCommandBuilder withoutPayload() {
        withPayload = false;
        return this;
    }

    /** The patient wrote to the pharmacist who has the case. */
    public static EscalationCommand forward(String conversationId, String escalationId, String messageId, String text) {
        return EscalationCommand.newBuilder()
                .setMetadata(Metadata.start(conversationId, "patient-7", messageId, "conversation-processor", ASKED_AT))
                .setType(EscalationCommandType.FORWARD_PATIENT_MESSAGE)
                .setForward(ForwardPatientMessage.newBuilder().setEscalationId(escalationId).setMessageId(messageId)
                        .setText(text).build())
                .build();
    }

    /** The patient cancelled while waiting. */
    public static EscalationCommand withdrawal(String conversationId, String escalationId) {
        return EscalationCommand.newBuilder()
                .setMetadata(Metadata.start(conversationId, "patient-7", "msg-cancel", "conversation-processor",
                        ASKED_AT))
                .setType(EscalationCommandType.WITHDRAW_ESCALATION)
                .setWithdraw(WithdrawEscalation.newBuilder().setEscalationId(escalationId)
                        .setReason("PATIENT_CANCELLED").build())
                .build();
    }

    public EscalationCommand build() {
        EscalationCommand.Builder command = EscalationCommand.newBuilder()
                .setMetadata(Metadata.start(conversationId, patientId, "msg-1", "conversation-processor", ASKED_AT))
                .setType(type);
        if (withPayload) {
            command.setEscalate(EscalateConversation.newBuilder()
                    .setEscalationId(escalationId)
                    .setRoute(route)
                    .setPriority(priority)
                    .setReasonCodes(List.of("CLINICAL_QUESTION"))
                    .setQuestion("Can I take ibuprofen with my lisinopril?")
                    .setMedication("lisinopril")
                    .setPatientSummary(PatientSummary.newBuilder().setName("John Smith")
                            .setAllergies(List.of("penicillin")).setMedications(List.of("lisinopril 10mg")).build())
                    .setTranscript(List.of(
                            new TranscriptEntry("patient", "Can I take ibuprofen with my lisinopril?", ASKED_AT)))
                    .build());
        }
        return command.build();
    }
}
