package com.rxflow.processor.conversation.query;

import java.time.Instant;
import java.util.List;

import com.rxflow.state.ConversationSnapshot;

/** A conversation's state as the processor's internal query endpoint answers it. */
public record ConversationView(String conversationId, String patientId, String channel, String clientId,
        String conversationType, String state, String step, int turns, Instant createdAt, Instant updatedAt,
        List<Pending> pending, List<Line> transcript) {

    public record Pending(String kind, String id, String name, String messageId, Instant requestedAt) {
    }

    public record Line(String role, String text, Instant at, String messageId, String replyId, long sequence) {
    }

    static ConversationView of(ConversationSnapshot s) {
        return new ConversationView(s.getConversationId(), s.getPatientId(), s.getChannel(), s.getClientId(),
                s.getConversationType(), s.getState(), s.getStep(), s.getTurns(), s.getCreatedAt(), s.getUpdatedAt(),
                s.getPending().stream().map(p -> new Pending(p.getKind(), p.getId(), p.getName(), p.getMessageId(),
                        p.getRequestedAt())).toList(),
                s.getTranscript().stream().map(l -> new Line(l.getRole(), l.getText(), l.getAt(), l.getMessageId(),
                        l.getReplyId(), l.getSequence())).toList());
    }
}
