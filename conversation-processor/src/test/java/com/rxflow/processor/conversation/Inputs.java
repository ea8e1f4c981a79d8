package com.rxflow.processor.conversation;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.EscalationClaimed;
import com.rxflow.events.escalation.EscalationOpened;
import com.rxflow.events.escalation.EscalationResolved;
import com.rxflow.events.escalation.PharmacistReplied;
import com.rxflow.events.escalation.PrescriberDecided;
import com.rxflow.events.escalation.PrescriberDecision;
import com.rxflow.events.escalation.ResolutionOutcome;
import com.rxflow.events.patient.ConversationOpened;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolCompleted;
import com.rxflow.events.tool.ToolFailed;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.event.Metadata;

/** Test-data builders for the processor's inputs, as the gateway, tools-service and escalation-service write them. */
public final class Inputs {

    public static final String CLIENT = "local-dev";
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Inputs() {
    }

    public static PatientEvent opened(String conversationId, String patientId) {
        return PatientEvent.newBuilder()
                .setMetadata(Metadata.start(conversationId, patientId, conversationId, "gateway", T0))
                .setType(PatientEventType.CONVERSATION_OPENED)
                .setConversationOpened(new ConversationOpened(patientId, "web", CLIENT))
                .build();
    }

    public static PatientEvent message(String conversationId, String patientId, String messageId, String text) {
        return PatientEvent.newBuilder()
                .setMetadata(Metadata.start(conversationId, patientId, messageId, "gateway", T0))
                .setType(PatientEventType.MESSAGE_RECEIVED)
                .setMessageReceived(new PatientMessageReceived(messageId, text, "web", CLIENT))
                .build();
    }

    public static ToolResult completed(ToolCommand command, String firstName, String... medications) {
        MedicationHistory history = MedicationHistory.newBuilder().setPatientFirstName(firstName).setMedications(List.of(medications).stream()
                .map(name -> MedicationEntry.newBuilder().setName(name).setStrength("10mg").setRxnormCode(null).setPrescriber(null).build()).toList()).build();
        return ToolResult.newBuilder()
                .setMetadata(caused(command.getMetadata(), "tools-service"))
                .setType(ToolResultType.TOOL_COMPLETED)
                .setCompleted(new ToolCompleted(command.getInvokeTool().getRequestId(), command.getInvokeTool().getTool(),
                        ByteBuffer.wrap(AvroCodec.shared().encode(history)), "test", "1"))
                .build();
    }

    public static ToolResult failed(ToolCommand command) {
        return ToolResult.newBuilder()
                .setMetadata(caused(command.getMetadata(), "tools-service"))
                .setType(ToolResultType.TOOL_FAILED)
                .setFailed(new ToolFailed(command.getInvokeTool().getRequestId(), command.getInvokeTool().getTool(),
                        "UNAVAILABLE", "the data source timed out", true))
                .build();
    }

    public static EscalationEvent escalationOpened(EscalationCommand command) {
        var escalate = command.getEscalate();
        return EscalationEvent.newBuilder()
                .setMetadata(caused(command.getMetadata(), "escalation-service"))
                .setType(EscalationEventType.ESCALATION_OPENED)
                .setOpened(new EscalationOpened(escalate.getEscalationId(), escalate.getRoute(), escalate.getPriority(),
                        escalate.getReasonCodes(), T0.plusSeconds(3600)))
                .build();
    }

    public static EscalationEvent claimed(EscalationCommand command, String pharmacist) {
        return EscalationEvent.newBuilder().setMetadata(caused(command.getMetadata(), "escalation-service"))
                .setType(EscalationEventType.ESCALATION_CLAIMED)
                .setClaimed(new EscalationClaimed(command.getEscalate().getEscalationId(), "ph-1", pharmacist)).build();
    }

    public static EscalationEvent pharmacistReplied(EscalationCommand command, String text) {
        return EscalationEvent.newBuilder().setMetadata(Metadata.causedBy(command.getMetadata(), 7, "escalation-service", T0))
                .setType(EscalationEventType.PHARMACIST_REPLIED)
                .setPharmacistReplied(new PharmacistReplied(command.getEscalate().getEscalationId(), text, "ph-1",
                        "Jennifer Martinez")).build();
    }

    public static EscalationEvent resolved(EscalationCommand command, ResolutionOutcome outcome, String note) {
        return EscalationEvent.newBuilder().setMetadata(Metadata.causedBy(command.getMetadata(), 8, "escalation-service", T0))
                .setType(EscalationEventType.ESCALATION_RESOLVED)
                .setResolved(EscalationResolved.newBuilder().setEscalationId(command.getEscalate().getEscalationId())
                        .setOutcome(outcome).setNote(note).setPharmacistId("ph-1").build())
                .build();
    }

    public static EscalationEvent prescriberDecided(EscalationCommand command, PrescriberDecision decision, String note) {
        return EscalationEvent.newBuilder().setMetadata(Metadata.causedBy(command.getMetadata(), 9, "escalation-service", T0))
                .setType(EscalationEventType.PRESCRIBER_DECISION)
                .setPrescriberDecision(PrescriberDecided.newBuilder().setEscalationId(command.getEscalate().getEscalationId())
                        .setDecision(decision).setNote(note).setPrescriber("Dr. Sarah Johnson").build()).build();
    }

    private static EventMetadata caused(EventMetadata cause, String source) {
        return Metadata.causedBy(cause, 0, source, T0);
    }
}
