package com.rxflow.processor.conversation.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.InputRejected;
import com.rxflow.events.conversation.ReplySent;
import com.rxflow.events.conversation.StateChanged;
import com.rxflow.events.reply.AssistantReplied;
import com.rxflow.events.reply.ReplyAuthor;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.TranscriptLine;

/**
 * The working set of one decision: a private copy of the conversation's state, the event that
 * caused the decision, and the records decided so far. Every output's metadata derives from the
 * cause, so deciding the same event twice yields identical records.
 */
final class Turn {

    static final String SOURCE = "conversation-processor";
    static final int MAX_TRANSCRIPT_LINES = 40;

    private final EventMetadata cause;
    private final Instant now;
    private final List<SpecificRecord> outputs = new ArrayList<>();
    private ConversationSnapshot snapshot;
    private int nextIndex;

    Turn(ConversationSnapshot current, EventMetadata cause, Instant now) {
        this.snapshot = current == null ? null : ConversationSnapshot.newBuilder(current).build();
        this.cause = cause;
        this.now = now;
    }

    ConversationSnapshot snapshot() {
        return snapshot;
    }

    void begin(ConversationSnapshot created) {
        snapshot = created;
    }

    EventMetadata cause() {
        return cause;
    }

    Instant now() {
        return now;
    }

    /** Metadata for the next output, bound to the conversation's patient. */
    EventMetadata nextMetadata() {
        EventMetadata metadata = Metadata.causedBy(cause, nextIndex++, SOURCE, now);
        if (snapshot != null) {
            metadata.setPatientId(snapshot.getPatientId());
        }
        return metadata;
    }

    void emit(SpecificRecord record) {
        outputs.add(record);
    }

    void record(ConversationEventType type, java.util.function.Consumer<ConversationEvent.Builder> payload) {
        ConversationEvent.Builder event = ConversationEvent.newBuilder().setMetadata(nextMetadata()).setType(type);
        payload.accept(event);
        emit(event.build());
    }

    void reject(String reasonCode, String reason) {
        record(ConversationEventType.INPUT_REJECTED, e -> e.setInputRejected(
                new InputRejected(cause.getEventId(), reasonCode, reason)));
    }

    /** Moves the lifecycle through a guarded transition and records it; staying put records nothing. */
    void moveTo(Lifecycle next, String step, String trigger) {
        Lifecycle current = Lifecycle.valueOf(snapshot.getState());
        String currentStep = snapshot.getStep();
        if (current == next && java.util.Objects.equals(currentStep, step)) {
            return;
        }
        if (current != next && !current.canMoveTo(next)) {
            throw new IllegalStateException("illegal transition " + current + " -> " + next + " on " + trigger
                    + " in conversation " + snapshot.getConversationId());
        }
        snapshot.setState(next.name());
        snapshot.setStep(step);
        record(ConversationEventType.STATE_CHANGED, e -> e.setStateChanged(
                new StateChanged(current.name(), next.name(), currentStep, step, trigger)));
    }

    /** Sends the patient a reply, records it in the domain log and the transcript. */
    void reply(String inReplyTo, String text, ReplyAuthor author, boolean last) {
        long sequence = snapshot.getReplySequence() + 1;
        snapshot.setReplySequence(sequence);
        EventMetadata metadata = nextMetadata();
        String replyId = metadata.getEventId();
        emit(ReplyEvent.newBuilder().setMetadata(metadata).setType(ReplyEventType.ASSISTANT_REPLIED)
                .setReplied(AssistantReplied.newBuilder().setReplyId(replyId).setInReplyTo(inReplyTo)
                        .setSequence(sequence).setText(text).setAuthor(author).setState(snapshot.getState())
                        .setStep(snapshot.getStep()).setTurnComplete(last).build())
                .build());
        record(ConversationEventType.REPLY_SENT, e -> e.setReplySent(
                new ReplySent(replyId, inReplyTo, sequence, text, author.name())));
        addTranscript(new TranscriptLine(author.name().toLowerCase(java.util.Locale.ROOT), text, now, inReplyTo,
                replyId, sequence));
    }

    void addTranscript(TranscriptLine line) {
        List<TranscriptLine> transcript = new ArrayList<>(snapshot.getTranscript());
        transcript.add(line);
        if (transcript.size() > MAX_TRANSCRIPT_LINES) {
            transcript = new ArrayList<>(transcript.subList(transcript.size() - MAX_TRANSCRIPT_LINES, transcript.size()));
        }
        snapshot.setTranscript(transcript);
    }

    Decision decision() {
        if (snapshot != null && !outputs.isEmpty()) {
            snapshot.setUpdatedAt(now);
        }
        return new Decision(snapshot, outputs);
    }
}
