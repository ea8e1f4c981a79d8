package com.rxflow.processor.conversation.workflow.handoff;

import java.time.Instant;
import java.util.List;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.EscalationRequested;
import com.rxflow.events.conversation.EscalationStatusRecorded;
import com.rxflow.events.conversation.MessageForwarded;
import com.rxflow.events.escalation.EscalateConversation;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationCommandType;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.escalation.ForwardPatientMessage;
import com.rxflow.events.escalation.PatientSummary;
import com.rxflow.events.escalation.TranscriptEntry;
import com.rxflow.events.escalation.WithdrawEscalation;
import com.rxflow.processor.conversation.workflow.EscalationStatus;
import com.rxflow.processor.conversation.workflow.EventCodes;
import com.rxflow.processor.conversation.workflow.Message;
import com.rxflow.processor.conversation.workflow.Step;
import com.rxflow.processor.conversation.workflow.Turn;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.EscalationFact;
import com.rxflow.state.PatientFacts;

/**
 * The conversation's records about its cases in the human queues: opening one (with the last lines
 * of the transcript and a summary of the patient for whoever picks it up), forwarding the patient's
 * messages to it, withdrawing it, and noting what became of it. Each sends the escalation-service
 * its command and records the matching domain event, so a replay knows every case.
 */
public final class Cases {

    /** How much of the transcript a case carries: enough for a person to pick up without asking again. */
    static final int TRANSCRIPT_LINES = 10;

    private Cases() {
    }

    /**
     * Opens a case in a human queue. With {@code holds}, a person takes over the chat and the
     * assistant resumes at {@code resumeStep} when the case is handed back.
     */
    public static String open(Turn turn, EscalationRoute route, EscalationPriority priority, List<String> reasons,
            String question, String medication, boolean holds, Step resumeStep) {
        ConversationSnapshot snapshot = turn.snapshot();
        EventMetadata metadata = turn.nextMetadata();
        String escalationId = metadata.getEventId();
        List<TranscriptEntry> excerpt = snapshot.getTranscript().stream()
                .skip(Math.max(0, snapshot.getTranscript().size() - TRANSCRIPT_LINES))
                .map(line -> new TranscriptEntry(line.getRole(), line.getText(), line.getAt())).toList();
        turn.emit(EscalationCommand.newBuilder().setMetadata(metadata)
                .setType(EscalationCommandType.ESCALATE_CONVERSATION)
                .setEscalate(EscalateConversation.newBuilder().setEscalationId(escalationId).setRoute(route)
                        .setPriority(priority).setReasonCodes(List.copyOf(reasons)).setQuestion(question)
                        .setMedication(medication).setTranscript(excerpt).setPatientSummary(summary(snapshot))
                        .build())
                .build());
        turn.record(ConversationEventType.ESCALATION_REQUESTED, e -> e.setEscalationRequested(EscalationRequested
                .newBuilder().setEscalationId(escalationId).setRoute(route.name()).setReasonCodes(List.copyOf(reasons))
                .setPriority(priority.name()).setMessageId(turn.messageId()).setMedication(medication)
                .setHoldsConversation(holds).setResumeStep(resumeStep == null ? null : resumeStep.name()).build()));
        return escalationId;
    }

    private static PatientSummary summary(ConversationSnapshot snapshot) {
        PatientFacts profile = snapshot.getProfile();
        if (profile == null || profile.getFirstName() == null) {
            return null;
        }
        String name = profile.getLastName() == null ? profile.getFirstName()
                : profile.getFirstName() + " " + profile.getLastName();
        // every current medication is relevant to a pharmacist reviewing one of them
        List<String> medications = profile.getMedications().stream().map(m -> m.getName() + " " + m.getStrength())
                .toList();
        return PatientSummary.newBuilder().setName(name).setAllergies(List.copyOf(profile.getAllergies()))
                .setMedications(medications).build();
    }

    /** Notes what became of a case (its new status, or that something happened to it). */
    static void record(Turn turn, String escalationId, EscalationStatus status, String pharmacist, String note,
            String decision, Instant slaDueAt) {
        turn.record(ConversationEventType.ESCALATION_STATUS_RECORDED, e -> e.setEscalationStatus(
                EscalationStatusRecorded.newBuilder().setEscalationId(escalationId).setStatus(EventCodes.code(status))
                        .setPharmacist(pharmacist).setNote(note).setDecision(decision).setSlaDueAt(slaDueAt).build()));
    }

    /** Sends the patient's message to the person who holds the conversation. */
    static void forward(Turn turn, EscalationFact hold, Message message) {
        turn.emit(EscalationCommand.newBuilder().setMetadata(turn.nextMetadata())
                .setType(EscalationCommandType.FORWARD_PATIENT_MESSAGE)
                .setForward(new ForwardPatientMessage(hold.getEscalationId(), message.messageId(), message.text()))
                .build());
        turn.record(ConversationEventType.MESSAGE_FORWARDED, e -> e.setMessageForwarded(
                new MessageForwarded(message.messageId(), hold.getEscalationId())));
    }

    /** Takes a case back out of the queue before a person answered it. */
    static void withdraw(Turn turn, EscalationFact hold, String reason) {
        turn.emit(EscalationCommand.newBuilder().setMetadata(turn.nextMetadata())
                .setType(EscalationCommandType.WITHDRAW_ESCALATION)
                .setWithdraw(new WithdrawEscalation(hold.getEscalationId(), reason)).build());
        record(turn, hold.getEscalationId(), EscalationStatus.WITHDRAWN, null, reason, null, null);
    }
}
