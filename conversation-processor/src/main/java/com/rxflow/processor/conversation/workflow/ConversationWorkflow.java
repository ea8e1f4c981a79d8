package com.rxflow.processor.conversation.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.ConversationStarted;
import com.rxflow.events.conversation.EscalationRequested;
import com.rxflow.events.conversation.EscalationStatusRecorded;
import com.rxflow.events.conversation.PatientMessageAccepted;
import com.rxflow.events.conversation.ToolOutcomeRecorded;
import com.rxflow.events.conversation.ToolRequested;
import com.rxflow.events.escalation.EscalateConversation;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationCommandType;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.escalation.TranscriptEntry;
import com.rxflow.events.patient.ConversationOpened;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.events.reply.ReplyAuthor;
import com.rxflow.events.tool.InvokeTool;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolCommandType;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.PendingWork;
import com.rxflow.state.TranscriptLine;

/**
 * The conversation workflow as a pure function: given a conversation's state and one incoming
 * event, decide the new state and the records to publish. No I/O, no clock, no randomness, so
 * every decision can be unit-tested without a broker and every conversation replayed from its log.
 *
 * <p>The spine's workflow is deliberately small: a patient message asks the medication history
 * tool and the answer lists the patient's medications; a message that asks for a pharmacist opens
 * a case in the pharmacists' queue. What stays is the shape: binding to one patient, guarded
 * lifecycle moves, deduplication by message id, and every step recorded as a domain event.
 */
public final class ConversationWorkflow {

    public static final String DEFAULT_TYPE = "simple";
    public static final String MEDICATION_HISTORY = "medication_history";
    static final int MAX_REMEMBERED_MESSAGE_IDS = 64;
    static final int ESCALATION_TRANSCRIPT_LINES = 10;

    private static final Pattern ASKS_FOR_A_HUMAN =
            Pattern.compile("\\b(pharmacist|human|real person)\\b", Pattern.CASE_INSENSITIVE);

    private final AvroCodec codec;

    public ConversationWorkflow(AvroCodec codec) {
        this.codec = codec;
    }

    /**
     * @param current the conversation's state, or null if it has none yet
     * @param input   a PatientEvent, ToolResult or EscalationEvent envelope keyed to this conversation
     * @param now     when the decision is made
     */
    public Decision decide(ConversationSnapshot current, SpecificRecord input, Instant now) {
        if (input instanceof PatientEvent event) {
            return onPatientEvent(current, event, now);
        }
        if (input instanceof ToolResult result) {
            return onToolResult(current, result, now);
        }
        if (input instanceof EscalationEvent event) {
            return onEscalationEvent(current, event, now);
        }
        throw new IllegalArgumentException("the conversation workflow does not take " + input.getSchema().getFullName());
    }

    private Decision onPatientEvent(ConversationSnapshot current, PatientEvent event, Instant now) {
        Turn turn = new Turn(current, event.getMetadata(), now);
        switch (event.getType()) {
            case CONVERSATION_OPENED -> open(turn, event.getConversationOpened());
            case MESSAGE_RECEIVED -> receive(turn, event.getMessageReceived());
            default -> { } // a kind this release does not know: skipped, readers of newer writers stay up
        }
        return turn.decision();
    }

    private void open(Turn turn, ConversationOpened opened) {
        ConversationSnapshot existing = turn.snapshot();
        if (existing != null) {
            if (!existing.getPatientId().equals(opened.getPatientId())
                    || !existing.getClientId().equals(opened.getClientId())) {
                turn.reject("ALREADY_OPENED", "the conversation is already bound to another patient or client");
            }
            return;
        }
        start(turn, opened.getPatientId(), opened.getChannel(), opened.getClientId());
    }

    private void start(Turn turn, String patientId, String channel, String clientId) {
        EventMetadata cause = turn.cause();
        turn.begin(ConversationSnapshot.newBuilder()
                .setConversationId(cause.getConversationId())
                .setPatientId(patientId)
                .setChannel(channel)
                .setClientId(clientId)
                .setConversationType(DEFAULT_TYPE)
                .setState(Lifecycle.INITIALIZED.name())
                .setStep(null)
                .setCreatedAt(turn.now())
                .setUpdatedAt(turn.now())
                .setTurns(0)
                .setReplySequence(0)
                .build());
        turn.record(ConversationEventType.CONVERSATION_STARTED, e -> e.setStarted(
                new ConversationStarted(patientId, channel, clientId, DEFAULT_TYPE)));
    }

    private void receive(Turn turn, PatientMessageReceived message) {
        String patientId = turn.cause().getPatientId();
        if (turn.snapshot() == null) {
            // a channel that speaks Kafka may send the first message without opening the conversation
            if (patientId == null) {
                turn.reject("NOT_OPENED", "a message for an unknown conversation must name its patient");
                return;
            }
            start(turn, patientId, message.getChannel(), message.getClientId());
        }
        ConversationSnapshot snapshot = turn.snapshot();
        if (patientId != null && !patientId.equals(snapshot.getPatientId())) {
            turn.reject("PATIENT_MISMATCH", "the message names another patient than the conversation's");
            return;
        }
        if (!message.getClientId().equals(snapshot.getClientId())) {
            turn.reject("CLIENT_MISMATCH", "the message comes from another channel client than the conversation's");
            return;
        }
        if (snapshot.getRecentMessageIds().contains(message.getMessageId())) {
            return; // a client retry: the first delivery's turn stands, nothing new happens
        }
        accept(turn, message);
        if (ASKS_FOR_A_HUMAN.matcher(message.getText()).find()) {
            escalate(turn, message);
        } else {
            askMedicationHistory(turn, message);
        }
    }

    private void accept(Turn turn, PatientMessageReceived message) {
        ConversationSnapshot snapshot = turn.snapshot();
        int number = snapshot.getTurns() + 1;
        snapshot.setTurns(number);
        List<String> ids = new ArrayList<>(snapshot.getRecentMessageIds());
        ids.add(message.getMessageId());
        if (ids.size() > MAX_REMEMBERED_MESSAGE_IDS) {
            ids = new ArrayList<>(ids.subList(ids.size() - MAX_REMEMBERED_MESSAGE_IDS, ids.size()));
        }
        snapshot.setRecentMessageIds(ids);
        turn.addTranscript(new TranscriptLine("patient", message.getText(), turn.now(), message.getMessageId(), null, 0L));
        turn.record(ConversationEventType.MESSAGE_ACCEPTED, e -> e.setMessageAccepted(
                new PatientMessageAccepted(message.getMessageId(), message.getText(), number)));
        switch (Lifecycle.valueOf(snapshot.getState())) {
            case COMPLETED -> {
                turn.moveTo(Lifecycle.INITIALIZED, null, "NEW_REQUEST");
                turn.moveTo(Lifecycle.GATHERING_INFO, null, "MESSAGE_ACCEPTED");
            }
            case ERROR -> turn.moveTo(Lifecycle.GATHERING_INFO, null, "RETRY");
            case INITIALIZED -> turn.moveTo(Lifecycle.GATHERING_INFO, null, "MESSAGE_ACCEPTED");
            default -> { } // still working on an earlier request: the new one joins it
        }
    }

    private void askMedicationHistory(Turn turn, PatientMessageReceived message) {
        var metadata = turn.nextMetadata();
        String requestId = metadata.getEventId();
        turn.emit(ToolCommand.newBuilder().setMetadata(metadata).setType(ToolCommandType.INVOKE_TOOL)
                .setInvokeTool(new InvokeTool(requestId, MEDICATION_HISTORY,
                        java.nio.ByteBuffer.wrap(codec.encode(MedicationHistoryQuery.newBuilder().setMedication(null).build()))))
                .build());
        turn.record(ConversationEventType.TOOL_REQUESTED, e -> e.setToolRequested(
                new ToolRequested(requestId, MEDICATION_HISTORY)));
        addPending(turn, new PendingWork("TOOL", requestId, MEDICATION_HISTORY, message.getMessageId(), turn.now()));
        moveToProcessing(turn, "TOOL_REQUESTED");
    }

    private void escalate(Turn turn, PatientMessageReceived message) {
        ConversationSnapshot snapshot = turn.snapshot();
        var metadata = turn.nextMetadata();
        String escalationId = metadata.getEventId();
        List<TranscriptEntry> excerpt = snapshot.getTranscript().stream()
                .skip(Math.max(0, snapshot.getTranscript().size() - ESCALATION_TRANSCRIPT_LINES))
                .map(line -> new TranscriptEntry(line.getRole(), line.getText(), line.getAt()))
                .toList();
        List<String> reasons = List.of("PATIENT_REQUEST");
        turn.emit(EscalationCommand.newBuilder().setMetadata(metadata)
                .setType(EscalationCommandType.ESCALATE_CONVERSATION)
                .setEscalate(EscalateConversation.newBuilder().setEscalationId(escalationId)
                        .setRoute(EscalationRoute.PHARMACIST).setPriority(EscalationPriority.ROUTINE)
                        .setReasonCodes(reasons).setQuestion(message.getText()).setMedication(null)
                        .setTranscript(excerpt).build())
                .build());
        turn.record(ConversationEventType.ESCALATION_REQUESTED, e -> e.setEscalationRequested(
                new EscalationRequested(escalationId, EscalationRoute.PHARMACIST.name(), reasons)));
        addPending(turn, new PendingWork("ESCALATION", escalationId, EscalationRoute.PHARMACIST.name(),
                message.getMessageId(), turn.now()));
        moveToProcessing(turn, "ESCALATION_REQUESTED");
    }

    private static void moveToProcessing(Turn turn, String trigger) {
        if (Lifecycle.valueOf(turn.snapshot().getState()) == Lifecycle.GATHERING_INFO) {
            turn.moveTo(Lifecycle.PROCESSING, null, trigger);
        }
    }

    private Decision onToolResult(ConversationSnapshot current, ToolResult result, Instant now) {
        Turn turn = new Turn(current, result.getMetadata(), now);
        String requestId = switch (result.getType()) {
            case TOOL_COMPLETED -> result.getCompleted().getRequestId();
            case TOOL_FAILED -> result.getFailed().getRequestId();
            default -> null;
        };
        Optional<PendingWork> pending = takePending(turn, "TOOL", requestId);
        if (pending.isEmpty()) {
            return turn.decision(); // late, repeated or foreign: the turn it belonged to is settled
        }
        String messageId = pending.get().getMessageId();
        if (result.getType() == com.rxflow.events.tool.ToolResultType.TOOL_COMPLETED) {
            turn.record(ConversationEventType.TOOL_OUTCOME_RECORDED, e -> e.setToolOutcome(
                    new ToolOutcomeRecorded(requestId, result.getCompleted().getTool(), true, null)));
            MedicationHistory history = codec.decode(result.getCompleted().getResult().array(), MedicationHistory.class);
            settle(turn, Lifecycle.COMPLETED, "TOOL_COMPLETED");
            turn.reply(messageId, describe(history), ReplyAuthor.ASSISTANT, true);
        } else {
            turn.record(ConversationEventType.TOOL_OUTCOME_RECORDED, e -> e.setToolOutcome(
                    new ToolOutcomeRecorded(requestId, result.getFailed().getTool(), false,
                            result.getFailed().getReasonCode())));
            settle(turn, Lifecycle.ERROR, "TOOL_FAILED");
            turn.reply(messageId, "Sorry, I could not look that up just now. Please try again in a moment.",
                    ReplyAuthor.ASSISTANT, true);
        }
        return turn.decision();
    }

    /** Ends the processing of a turn once nothing else is pending. */
    private static void settle(Turn turn, Lifecycle outcome, String trigger) {
        if (turn.snapshot().getPending().isEmpty()
                && Lifecycle.valueOf(turn.snapshot().getState()) == Lifecycle.PROCESSING) {
            turn.moveTo(outcome, null, trigger);
        }
    }

    private static String describe(MedicationHistory history) {
        if (history.getMedications().isEmpty()) {
            return "Hi " + history.getPatientFirstName() + ". I don't see any current medications on file for you.";
        }
        String list = history.getMedications().stream()
                .map(MedicationEntry::getName)
                .map(name -> name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1))
                .collect(Collectors.joining(", "));
        return "Hi " + history.getPatientFirstName() + ". Your current medications are: " + list
                + ". Which one can I help you with?";
    }

    private Decision onEscalationEvent(ConversationSnapshot current, EscalationEvent event, Instant now) {
        Turn turn = new Turn(current, event.getMetadata(), now);
        if (event.getType() != EscalationEventType.ESCALATION_OPENED) {
            return turn.decision();
        }
        String escalationId = event.getOpened().getEscalationId();
        Optional<PendingWork> pending = turn.snapshot() == null ? Optional.empty()
                : turn.snapshot().getPending().stream()
                        .filter(p -> p.getKind().equals("ESCALATION") && p.getId().equals(escalationId)).findFirst();
        if (pending.isEmpty()) {
            return turn.decision();
        }
        turn.record(ConversationEventType.ESCALATION_STATUS_RECORDED, e -> e.setEscalationStatus(
                new EscalationStatusRecorded(escalationId, "OPENED")));
        turn.moveTo(Lifecycle.valueOf(turn.snapshot().getState()), "WITH_PHARMACIST", "ESCALATION_OPENED");
        turn.reply(pending.get().getMessageId(), "I've passed your question to a pharmacist. "
                + "A pharmacist will answer you here in this conversation.", ReplyAuthor.SYSTEM, true);
        return turn.decision();
    }

    private static void addPending(Turn turn, PendingWork work) {
        List<PendingWork> pending = new ArrayList<>(turn.snapshot().getPending());
        pending.add(work);
        turn.snapshot().setPending(pending);
    }

    private static Optional<PendingWork> takePending(Turn turn, String kind, String id) {
        if (turn.snapshot() == null || id == null) {
            return Optional.empty();
        }
        List<PendingWork> pending = new ArrayList<>(turn.snapshot().getPending());
        Optional<PendingWork> found = pending.stream()
                .filter(p -> p.getKind().equals(kind) && p.getId().equals(id)).findFirst();
        found.ifPresent(p -> {
            pending.remove(p);
            turn.snapshot().setPending(pending);
        });
        return found;
    }
}
