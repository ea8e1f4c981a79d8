package com.rxflow.processor.conversation.workflow;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.InputRejected;
import com.rxflow.events.conversation.ReplySent;
import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.events.conversation.RequestUpdated;
import com.rxflow.events.conversation.StateChanged;
import com.rxflow.events.conversation.ToolRequested;
import com.rxflow.events.reply.AssistantReplied;
import com.rxflow.events.reply.ReplyAuthor;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.events.tool.InvokeTool;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolCommandType;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.ProposalValidator;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.tool.ToolContract;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.PatientFacts;
import com.rxflow.state.PendingWork;
import com.rxflow.state.TranscriptLine;

/**
 * The working set of one decision: a private copy of the conversation's state, the event that
 * caused the decision and the records decided so far. State changes only by {@link #record
 * recording} a domain event (applied through {@link ConversationFold}); every output's metadata
 * derives from the cause, so deciding the same input twice yields identical records.
 */
public final class Turn {

    static final String SOURCE = "conversation-processor";

    private final Workflow engine;
    private final EventMetadata cause;
    private final Instant now;
    private final WorkflowFeatures features;
    private final List<Object> outputs = new ArrayList<>();
    private final ConversationSnapshot original;
    private ConversationSnapshot snapshot;
    private boolean changed;
    private int nextIndex;
    private String messageId;
    /** Validated model proposals for messages of this decision, by message id: never stored, never replayed. */
    private final Map<String, ProposalValidator.Validated> proposals = new HashMap<>();

    Turn(Workflow engine, ConversationSnapshot current, EventMetadata cause, Instant now, WorkflowFeatures features) {
        this.engine = engine;
        this.features = features;
        this.original = current;
        this.snapshot = current == null ? null : ConversationSnapshot.newBuilder(current).build();
        this.cause = cause;
        this.now = now;
        this.messageId = cause.getCorrelationId();
    }

    /** What the engine offers the turn; implemented by the workflow. */
    interface Workflow {
        AvroCodec codec();

        ConversationFold fold();

        StateMachine machine();

        WorkflowPolicy policy();

        Interpretation understand(Turn turn, String text);

        ConversationTypes types();
    }

    public ConversationSnapshot snapshot() {
        return snapshot;
    }

    public Instant now() {
        return now;
    }

    /** The switchable parts of the workflow, as they apply to this conversation's patient. */
    public WorkflowFeatures features() {
        return features;
    }

    EventMetadata cause() {
        return cause;
    }

    public AvroCodec codec() {
        return engine.codec();
    }

    public WorkflowPolicy policy() {
        return engine.policy();
    }

    /** The patient message the turn's replies answer, or null for replies nobody waits for. */
    public String messageId() {
        return messageId;
    }

    void answering(String messageId) {
        this.messageId = messageId;
    }

    /** Keeps a model's validated proposal for the message it interprets, for this decision only. */
    void keepProposal(String forMessage, ProposalValidator.Validated proposal) {
        proposals.put(forMessage, proposal);
    }

    /** The model's validated proposal for the message being answered, if this decision received one. */
    ProposalValidator.Validated proposal() {
        return messageId == null ? null : proposals.get(messageId);
    }

    /** The patient's words as the interpreter understands them, with the patient's medications as context. */
    public Interpretation understand(String text) {
        return engine.understand(this, text);
    }

    public PatientFacts profile() {
        return snapshot.getProfile();
    }

    public RequestDetails request() {
        return snapshot.getRequest();
    }

    public Step step() {
        return engine.machine().step(snapshot.getStep()).orElse(Steps.START);
    }

    /** The step recorded under {@code name}, if a registered conversation type declares it. */
    public Optional<Step> step(String name) {
        return engine.machine().step(name);
    }

    /** The registered conversation types, to find the one that continues a piece of work. */
    public ConversationTypes types() {
        return engine.types();
    }

    /** Tools the conversation must hear from before it reads the next message (background calls do not count). */
    public boolean waitingOnTools() {
        return snapshot.getPending().stream().anyMatch(p -> !ConversationWorkflow.PROFILE.equals(p.getPurpose())
                && !ModelInterpretation.SHADOW.equals(p.getPurpose()));
    }

    /** Metadata for the next output, bound to the conversation's patient and to the message being answered. */
    public EventMetadata nextMetadata() {
        EventMetadata metadata = Metadata.causedBy(cause, nextIndex++, SOURCE, now);
        if (snapshot != null) {
            metadata.setPatientId(snapshot.getPatientId());
        }
        if (messageId != null) {
            metadata.setCorrelationId(messageId);
        }
        return metadata;
    }

    /** Adds a command for another service (a tool call, a case in a human queue) to the decision's records. */
    public void emit(SpecificRecord record) {
        outputs.add(record);
    }

    /** Records a domain event: it is published and applied to the state, the only way state changes. */
    public void record(ConversationEventType type, Consumer<ConversationEvent.Builder> payload) {
        ConversationEvent.Builder builder = ConversationEvent.newBuilder().setMetadata(nextMetadata()).setType(type);
        payload.accept(builder);
        ConversationEvent event = builder.build();
        snapshot = engine.fold().apply(snapshot, event);
        changed = true;
        outputs.add(event);
    }

    void reject(String reasonCode, String reason) {
        record(ConversationEventType.INPUT_REJECTED, e -> e.setInputRejected(
                new InputRejected(cause.getEventId(), reasonCode, reason)));
    }

    /** One move the state machine must allow, recorded as {@code StateChanged}; staying put records nothing. */
    private void move(Step to, Trigger trigger) {
        Step from = step();
        if (from.equals(to)) {
            return;
        }
        engine.machine().check(from, to, EventCodes.code(trigger));
        record(ConversationEventType.STATE_CHANGED, e -> e.setStateChanged(new StateChanged(
                from.lifecycle().name(), to.lifecycle().name(), from.name(), to.name(), EventCodes.code(trigger))));
    }

    /**
     * Moves to {@code to}, passing through the lifecycle states the guide requires on the way (for
     * example a request abandoned while gathering information is processed, then completed). Every
     * move is a guarded, recorded transition; this is the only way a conversation changes step.
     */
    public void goTo(Step to, Trigger trigger) {
        for (int hops = 0; hops < 4 && !step().equals(to); hops++) {
            Step from = step();
            if (engine.machine().allows(from, to)) {
                move(to, trigger);
                return;
            }
            if (from.lifecycle() == to.lifecycle()) {
                throw new IllegalStateException("no declared move " + from + " -> " + to + " on " + trigger);
            }
            move(Steps.waypointTowards(from.lifecycle(), to.lifecycle()), trigger);
        }
        move(to, trigger);
    }

    /** Clears the open request and ends it at {@code end} (or START when it was in error). */
    public void closeRequest(Step end, Trigger trigger) {
        updateRequest(RequestChange.CLEARED, null);
        goTo(step().lifecycle() == Lifecycle.ERROR ? Steps.START : end, trigger);
    }

    /** Replaces the current request (null closes it), recorded whole so a replay rebuilds it. */
    public void updateRequest(String type, RequestChange change, RequestDetails request) {
        record(ConversationEventType.REQUEST_UPDATED, e -> e.setRequestUpdated(
                new RequestUpdated(type, EventCodes.code(change), request)));
    }

    public void updateRequest(RequestChange change, RequestDetails request) {
        updateRequest(snapshot.getConversationType(), change, request);
    }

    /** The assistant speaks to the patient, answering the message the turn is handling (if any). */
    public void say(String text, List<String> quickReplies, List<String> sources) {
        reply(messageId, text, ReplyAuthor.ASSISTANT, quickReplies, sources);
    }

    public void say(String text) {
        say(text, List.of(), List.of());
    }

    /** The system tells the patient how things stand (the queue, the wait, who joined); it answers no message. */
    public void notice(String text) {
        reply(null, text, ReplyAuthor.SYSTEM, List.of(), List.of());
    }

    /** Delivers a pharmacist's own words, answering the patient's message they reply to (null: none). */
    public void relay(String inReplyTo, String text) {
        reply(inReplyTo, text, ReplyAuthor.PHARMACIST, List.of(), List.of());
    }

    private void reply(String inReplyTo, String text, ReplyAuthor author, List<String> quickReplies,
            List<String> sources) {
        long sequence = snapshot.getReplySequence() + 1;
        EventMetadata metadata = nextMetadata();
        metadata.setCorrelationId(inReplyTo != null ? inReplyTo : cause.getCorrelationId());
        String replyId = metadata.getEventId();
        PendingReply reply = new PendingReply(metadata, AssistantReplied.newBuilder().setReplyId(replyId)
                .setInReplyTo(inReplyTo).setSequence(sequence).setText(text).setAuthor(author)
                .setState(snapshot.getState()).setStep(snapshot.getStep()).setTurnComplete(true)
                .setQuickReplies(List.copyOf(quickReplies)).setSources(List.copyOf(sources)),
                new ReplySent(replyId, inReplyTo, sequence, text, author.name(), null));
        outputs.add(reply);
        // whether it completes its turn is known once the decision is: decision() sets it on both
        record(ConversationEventType.REPLY_SENT, e -> e.setReplySent(reply.sent));
    }

    /** Asks tools-service to run a tool for the bound patient; returns the request id (the idempotency key). */
    public <A extends SpecificRecord> String invoke(ToolContract<A, ?> tool, A arguments, String purpose, String batch) {
        byte[] encoded = engine.codec().encode(arguments);
        EventMetadata metadata = nextMetadata();
        String requestId = metadata.getEventId();
        send(metadata, requestId, tool.name(), encoded, purpose);
        record(ConversationEventType.TOOL_REQUESTED, e -> e.setToolRequested(ToolRequested.newBuilder()
                .setRequestId(requestId).setTool(tool.name()).setMessageId(messageId).setPurpose(purpose)
                .setBatch(batch).setArguments(ByteBuffer.wrap(encoded)).setAttempt(1).build()));
        return requestId;
    }

    /** Sends a timed-out call again with the same request id, so the tool runs it at most once. */
    void retry(PendingWork pending) {
        byte[] arguments = ConversationFold.bytes(pending.getArguments());
        String previous = messageId;
        messageId = pending.getMessageId();
        send(nextMetadata(), pending.getId(), pending.getName(), arguments, pending.getPurpose());
        record(ConversationEventType.TOOL_REQUESTED, e -> e.setToolRequested(ToolRequested.newBuilder()
                .setRequestId(pending.getId()).setTool(pending.getName()).setMessageId(pending.getMessageId())
                .setPurpose(pending.getPurpose()).setBatch(pending.getBatch()).setArguments(ByteBuffer.wrap(arguments))
                .setAttempt(pending.getAttempt() + 1).build()));
        messageId = previous;
    }

    /** The command carries its deadline: when this attempt's timer fires and the conversation stops waiting for it. */
    private void send(EventMetadata metadata, String requestId, String tool, byte[] arguments, String purpose) {
        Instant deadline = now.plus(Timers.patience(purpose, engine.policy()));
        emit(ToolCommand.newBuilder().setMetadata(metadata).setType(ToolCommandType.INVOKE_TOOL)
                .setInvokeTool(new InvokeTool(requestId, tool, ByteBuffer.wrap(arguments), deadline)).build());
    }

    /**
     * The decision: the state (the input's own object when no event was recorded) and the records,
     * with each message's last reply marked as completing its turn.
     */
    Decision decision() {
        Map<String, Integer> lastReply = new HashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) instanceof PendingReply reply && reply.replied.getInReplyTo() != null) {
                lastReply.put(reply.replied.getInReplyTo(), i);
            }
        }
        List<SpecificRecord> records = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            Object output = outputs.get(i);
            if (output instanceof PendingReply reply) {
                String inReplyTo = reply.replied.getInReplyTo();
                boolean complete = inReplyTo == null
                        || lastReply.get(inReplyTo) == i && !stillWorkingOn(inReplyTo);
                completes(reply.sent, complete);
                // a reply reports where the turn leaves the conversation (a handoff may follow its words)
                records.add(ReplyEvent.newBuilder().setMetadata(reply.metadata).setType(ReplyEventType.ASSISTANT_REPLIED)
                        .setReplied(reply.replied.setTurnComplete(complete).setState(snapshot.getState())
                                .setStep(snapshot.getStep()).build()).build());
            } else {
                records.add((SpecificRecord) output);
            }
        }
        // an input that changed nothing leaves the very same state object, so callers can tell cheaply
        return new Decision(changed ? snapshot : original, records);
    }

    /**
     * The reply's turnComplete, decided here once, goes on its domain event and on its transcript
     * line too (the fold copies it from the one to the other), so a transcript read says what the
     * reply said and a replay of the domain log rebuilds the same state.
     */
    private void completes(ReplySent sent, boolean complete) {
        sent.setTurnComplete(complete);
        for (TranscriptLine line : snapshot.getTranscript()) {
            if (sent.getReplyId().equals(line.getReplyId())) {
                line.setTurnComplete(complete);
            }
        }
    }

    /** Whether the conversation still waits on a tool or has deferred the message: its turn is not over. */
    boolean stillWorkingOn(String messageId) {
        return snapshot.getPending().stream().anyMatch(p -> messageId.equals(p.getMessageId()))
                || snapshot.getDeferred().stream().anyMatch(d -> messageId.equals(d.getMessageId()));
    }

    private record PendingReply(EventMetadata metadata, AssistantReplied.Builder replied, ReplySent sent) {
    }
}
