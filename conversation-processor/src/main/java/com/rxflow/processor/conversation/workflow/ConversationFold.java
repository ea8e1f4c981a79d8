package com.rxflow.processor.conversation.workflow;

import static com.rxflow.processor.conversation.workflow.BoundedLists.bounded;
import static com.rxflow.processor.conversation.workflow.BoundedLists.head;
import static com.rxflow.processor.conversation.workflow.BoundedLists.plus;
import static com.rxflow.processor.conversation.workflow.BoundedLists.without;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.conversation.ConversationStarted;
import com.rxflow.events.conversation.EscalationRequested;
import com.rxflow.events.conversation.EscalationStatusRecorded;
import com.rxflow.events.conversation.PatientMessageAccepted;
import com.rxflow.events.conversation.ReplySent;
import com.rxflow.events.conversation.ToolOutcomeRecorded;
import com.rxflow.events.conversation.ToolRequested;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.events.tools.OrderCancelled;
import com.rxflow.events.tools.OrderPlaced;
import com.rxflow.events.tools.PatientProfile;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.DeferredMessage;
import com.rxflow.state.EscalationFact;
import com.rxflow.state.MedicationFact;
import com.rxflow.state.OrderFact;
import com.rxflow.state.PatientFacts;
import com.rxflow.state.PendingWork;
import com.rxflow.state.ToolOutcome;
import com.rxflow.state.TranscriptLine;

/**
 * The conversation's state as a left fold of its domain events: the workflow changes state only by
 * recording an event, which this applies. So replaying a conversation's events from the log
 * rebuilds exactly the state the processor stored, and every state change is in the audit log.
 * Every list it keeps is bounded, so a state's size stays bounded however long the conversation.
 */
public final class ConversationFold {

    static final int MAX_TRANSCRIPT_LINES = 40;
    static final int MAX_TEXT = 1000;
    static final int MAX_MESSAGE_IDS = 64;
    static final int MAX_PENDING = 16;
    static final int MAX_RESULTS = 8;
    static final int MAX_DEFERRED = 8;
    static final int MAX_ESCALATIONS = 5;
    static final int MAX_UNANSWERED = 10;
    static final int MAX_MEDICATIONS = 40;
    static final int MAX_ORDERS = 5;
    static final int MAX_ABANDONED = 8;
    static final int MAX_APPROVED = 10;

    private final AvroCodec codec;

    public ConversationFold(AvroCodec codec) {
        this.codec = codec;
    }

    /** Replays a conversation's events from nothing. */
    public ConversationSnapshot replay(List<ConversationEvent> events) {
        ConversationSnapshot snapshot = null;
        for (ConversationEvent event : events) {
            snapshot = apply(snapshot, event);
        }
        return snapshot;
    }

    /** Applies one event; mutates and returns {@code snapshot} (a new one for CONVERSATION_STARTED). */
    public ConversationSnapshot apply(ConversationSnapshot snapshot, ConversationEvent event) {
        Instant at = event.getMetadata().getOccurredAt();
        switch (event.getType()) {
            case CONVERSATION_STARTED:
                return started(event, at);
            case MESSAGE_ACCEPTED:
                accepted(snapshot, event.getMessageAccepted(), at);
                break;
            case DEFERRED_MESSAGE_RESUMED:
                snapshot.setDeferred(without(snapshot.getDeferred(),
                        d -> d.getMessageId().equals(event.getDeferredResumed().getMessageId())));
                break;
            case STATE_CHANGED:
                snapshot.setState(event.getStateChanged().getToState());
                snapshot.setStep(event.getStateChanged().getToStep());
                break;
            case TOOL_REQUESTED:
                requested(snapshot, event.getToolRequested(), at);
                break;
            case TOOL_OUTCOME_RECORDED:
                outcome(snapshot, event.getToolOutcome());
                break;
            case REQUEST_UPDATED:
                snapshot.setConversationType(event.getRequestUpdated().getConversationType());
                var request = event.getRequestUpdated().getRequest();
                snapshot.setRequest(request);
                String batch = request == null ? null : request.getBatch();
                snapshot.setResults(without(snapshot.getResults(), r -> !r.getBatch().equals(batch)));
                break;
            case ESCALATION_REQUESTED:
                escalationRequested(snapshot, event.getEscalationRequested(), event, at);
                break;
            case ESCALATION_STATUS_RECORDED:
                escalationStatus(snapshot, event.getEscalationStatus());
                break;
            case MESSAGE_FORWARDED:
                updateEscalation(snapshot, event.getMessageForwarded().getEscalationId(), fact -> fact
                        .setUnansweredMessageIds(bounded(plus(fact.getUnansweredMessageIds(),
                                event.getMessageForwarded().getMessageId()), MAX_UNANSWERED)));
                break;
            case REPLY_SENT:
                replied(snapshot, event.getReplySent(), at);
                break;
            case LATE_SIDE_EFFECT_RECORDED:
                snapshot.setAbandonedCalls(without(snapshot.getAbandonedCalls(),
                        id -> id.equals(event.getLateSideEffect().getRequestId())));
                break;
            default:
                // INPUT_REJECTED, SAFETY_ASSESSED, ORDER_CONFIRMED, CONVERSATION_CLOSED and kinds of newer
                // writers are facts for auditors; they change nothing the workflow keeps
                break;
        }
        snapshot.setUpdatedAt(at);
        return snapshot;
    }

    private static ConversationSnapshot started(ConversationEvent event, Instant at) {
        ConversationStarted started = event.getStarted();
        return ConversationSnapshot.newBuilder()
                .setConversationId(event.getMetadata().getConversationId())
                .setPatientId(started.getPatientId())
                .setChannel(started.getChannel())
                .setClientId(started.getClientId())
                .setConversationType(started.getConversationType())
                .setState(Lifecycle.INITIALIZED.name())
                .setStep(Steps.START.name())
                .setCreatedAt(at)
                .setUpdatedAt(at)
                .setTurns(0)
                .setReplySequence(0)
                .setLastActivityAt(at)
                .build();
    }

    private static void accepted(ConversationSnapshot snapshot, PatientMessageAccepted accepted, Instant at) {
        snapshot.setTurns(accepted.getTurn());
        snapshot.setRecentMessageIds(bounded(plus(snapshot.getRecentMessageIds(), accepted.getMessageId()),
                MAX_MESSAGE_IDS));
        transcript(snapshot, new TranscriptLine("patient", clip(accepted.getText()), at, accepted.getMessageId(),
                null, 0L, null));
        snapshot.setLastActivityAt(at);
        if (accepted.getDeferred()) {
            snapshot.setDeferred(bounded(plus(snapshot.getDeferred(),
                    new DeferredMessage(accepted.getMessageId(), clip(accepted.getText()), at)), MAX_DEFERRED));
        }
    }

    private static void requested(ConversationSnapshot snapshot, ToolRequested requested, Instant at) {
        List<PendingWork> pending = without(snapshot.getPending(), p -> p.getId().equals(requested.getRequestId()));
        pending.add(PendingWork.newBuilder().setKind("TOOL").setId(requested.getRequestId())
                .setName(requested.getTool()).setMessageId(requested.getMessageId()).setRequestedAt(at)
                .setPurpose(requested.getPurpose()).setBatch(requested.getBatch())
                .setArguments(copy(requested.getArguments())).setAttempt(requested.getAttempt()).build());
        snapshot.setPending(bounded(pending, MAX_PENDING));
        // a retried call's earlier failure is superseded by whatever the retry brings
        snapshot.setResults(without(snapshot.getResults(), r -> r.getRequestId().equals(requested.getRequestId())));
    }

    private void outcome(ConversationSnapshot snapshot, ToolOutcomeRecorded outcome) {
        PendingWork pending = snapshot.getPending().stream()
                .filter(p -> p.getId().equals(outcome.getRequestId())).findFirst().orElse(null);
        if (pending == null) {
            return;
        }
        snapshot.setPending(without(snapshot.getPending(), p -> p.getId().equals(outcome.getRequestId())));
        if (LateSideEffects.gaveUpOnASideEffect(outcome)) {
            snapshot.setAbandonedCalls(bounded(plus(snapshot.getAbandonedCalls(), outcome.getRequestId()), MAX_ABANDONED));
        }
        if (ModelInterpretation.isModelCall(pending)) {
            return; // a model's proposal is recorded as INTERPRETATION_PROPOSED; it is no batch's answer
        }
        snapshot.setResults(bounded(plus(snapshot.getResults(), ToolOutcome.newBuilder()
                .setRequestId(outcome.getRequestId()).setTool(outcome.getTool()).setPurpose(pending.getPurpose())
                .setBatch(pending.getBatch()).setSucceeded(outcome.getSucceeded())
                .setResult(outcome.getResult() == null ? null : copy(outcome.getResult()))
                .setDataSource(outcome.getDataSource()).setReasonCode(outcome.getReasonCode()).build()), MAX_RESULTS));
        if (outcome.getSucceeded() && outcome.getResult() != null) {
            learn(snapshot, pending, outcome);
        }
    }

    /** What tool answers teach about the patient: the facts the gates, the interpreter and the side panel use. */
    private void learn(ConversationSnapshot snapshot, PendingWork pending, ToolOutcomeRecorded outcome) {
        byte[] bytes = bytes(outcome.getResult());
        String tool = outcome.getTool();
        PatientFacts facts = snapshot.getProfile() == null ? PatientFacts.newBuilder().build()
                : snapshot.getProfile();
        if (tool.equals(ToolContracts.PATIENT_PROFILE.name())) {
            PatientProfile profile = codec.decode(bytes, PatientProfile.class);
            facts = PatientFacts.newBuilder().setFirstName(profile.getFirstName()).setLastName(profile.getLastName())
                    .setZip(profile.getZip()).setInsurancePlanName(profile.getInsurancePlanName())
                    .setAllergies(new ArrayList<>(profile.getAllergies()))
                    .setConditions(new ArrayList<>(profile.getConditions()))
                    .setMedications(bounded(profile.getMedications().stream().map(ToolFacts::medication).toList(),
                            MAX_MEDICATIONS))
                    .setRecentOrders(head(profile.getRecentOrders().stream().map(ToolFacts::order).toList(),
                            MAX_ORDERS))
                    .setSource(outcome.getDataSource()).build();
        } else if (tool.equals(ToolContracts.MEDICATION_HISTORY.name())) {
            MedicationHistory history = codec.decode(bytes, MedicationHistory.class);
            MedicationHistoryQuery query = codec.decode(bytes(pending.getArguments()), MedicationHistoryQuery.class);
            List<MedicationFact> learnt = history.getMedications().stream().map(ToolFacts::medication).toList();
            List<MedicationFact> medications;
            if (query.getMedication() == null && query.getCondition() == null) {
                medications = new ArrayList<>(learnt);
            } else {
                medications = without(facts.getMedications(),
                        m -> learnt.stream().anyMatch(l -> l.getName().equals(m.getName())));
                medications.addAll(learnt);
            }
            facts.setMedications(bounded(medications, MAX_MEDICATIONS));
            if (facts.getFirstName() == null) {
                facts.setFirstName(history.getPatientFirstName());
            }
            if (!history.getAllergies().isEmpty()) {
                facts.setAllergies(new ArrayList<>(history.getAllergies()));
            }
            if (facts.getSource() == null) {
                facts.setSource(outcome.getDataSource());
            }
        } else if (tool.equals(ToolContracts.PLACE_ORDER.name())) {
            OrderFact placed = ToolFacts.order(codec.decode(bytes, OrderPlaced.class).getOrder());
            List<OrderFact> orders = new ArrayList<>();
            orders.add(placed);
            orders.addAll(without(facts.getRecentOrders(), o -> o.getOrderId().equals(placed.getOrderId())));
            facts.setRecentOrders(head(orders, MAX_ORDERS));
        } else if (tool.equals(ToolContracts.CANCEL_ORDER.name())) {
            OrderFact cancelled = ToolFacts.order(codec.decode(bytes, OrderCancelled.class).getOrder());
            List<OrderFact> orders = new ArrayList<>(facts.getRecentOrders());
            orders.replaceAll(o -> o.getOrderId().equals(cancelled.getOrderId()) ? cancelled : o);
            facts.setRecentOrders(orders);
        } else {
            return;
        }
        snapshot.setProfile(facts);
    }

    private static void escalationRequested(ConversationSnapshot snapshot, EscalationRequested requested,
            ConversationEvent event, Instant at) {
        List<EscalationFact> facts = new ArrayList<>(snapshot.getEscalations());
        facts.add(EscalationFact.newBuilder().setEscalationId(requested.getEscalationId())
                .setRoute(requested.getRoute()).setPriority(requested.getPriority()).setStatus(EventCodes.code(EscalationStatus.REQUESTED))
                .setReasonCodes(new ArrayList<>(requested.getReasonCodes())).setMedication(requested.getMedication())
                .setMessageId(requested.getMessageId()).setHoldsConversation(requested.getHoldsConversation())
                .setResumeStep(requested.getResumeStep()).setRequestedAt(at).build());
        while (facts.size() > MAX_ESCALATIONS) {
            // forget the oldest case that no longer holds the conversation
            int drop = 0;
            for (int i = 0; i < facts.size(); i++) {
                if (!(facts.get(i).getHoldsConversation() && Holds.live(facts.get(i)))) {
                    drop = i;
                    break;
                }
            }
            facts.remove(drop);
        }
        snapshot.setEscalations(facts);
    }

    private static void escalationStatus(ConversationSnapshot snapshot, EscalationStatusRecorded status) {
        updateEscalation(snapshot, status.getEscalationId(), fact -> {
            EscalationStatus recorded = EventCodes.status(status.getStatus());
            if (recorded == EscalationStatus.WAIT_NOTICE_SENT) {
                fact.setWaitNoticeSent(true);
            } else if (recorded == EscalationStatus.PHARMACIST_REPLIED) {
                List<String> unanswered = fact.getUnansweredMessageIds();
                fact.setUnansweredMessageIds(unanswered.isEmpty() ? unanswered
                        : new ArrayList<>(unanswered.subList(1, unanswered.size())));
            } else if (recorded != EscalationStatus.SLA_BREACHED) {
                // every other record is the case's new status (one this release does not know is kept as written)
                fact.setStatus(status.getStatus());
                if (recorded == EscalationStatus.APPROVED && fact.getMedication() != null
                        && !snapshot.getApprovedRenewals().contains(fact.getMedication())) {
                    snapshot.setApprovedRenewals(bounded(plus(snapshot.getApprovedRenewals(), fact.getMedication()),
                            MAX_APPROVED));
                }
            }
            if (status.getPharmacist() != null) {
                fact.setPharmacist(status.getPharmacist());
            }
            if (status.getSlaDueAt() != null) {
                fact.setSlaDueAt(status.getSlaDueAt());
            }
        });
    }

    private static void updateEscalation(ConversationSnapshot snapshot, String escalationId,
            java.util.function.Consumer<EscalationFact> change) {
        List<EscalationFact> facts = new ArrayList<>(snapshot.getEscalations());
        for (int i = 0; i < facts.size(); i++) {
            if (facts.get(i).getEscalationId().equals(escalationId)) {
                EscalationFact copy = EscalationFact.newBuilder(facts.get(i)).build();
                change.accept(copy);
                facts.set(i, copy);
            }
        }
        snapshot.setEscalations(facts);
    }

    private static void replied(ConversationSnapshot snapshot, ReplySent sent, Instant at) {
        snapshot.setReplySequence(sent.getSequence());
        transcript(snapshot, new TranscriptLine(sent.getAuthor().toLowerCase(Locale.ROOT), clip(sent.getText()), at,
                sent.getInReplyTo(), sent.getReplyId(), sent.getSequence(), sent.getTurnComplete()));
        snapshot.setLastActivityAt(at);
    }

    private static void transcript(ConversationSnapshot snapshot, TranscriptLine line) {
        snapshot.setTranscript(bounded(plus(snapshot.getTranscript(), line), MAX_TRANSCRIPT_LINES));
    }

    static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        view.rewind();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static ByteBuffer copy(ByteBuffer buffer) {
        return ByteBuffer.wrap(bytes(buffer));
    }
}
