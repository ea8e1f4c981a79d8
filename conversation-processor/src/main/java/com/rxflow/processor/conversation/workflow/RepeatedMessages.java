package com.rxflow.processor.conversation.workflow;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.reply.AnswerRepeated;
import com.rxflow.events.reply.AssistantReplied;
import com.rxflow.events.reply.ReplyAuthor;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.state.TranscriptLine;

/**
 * A patient message posted again with an id the conversation already accepted (a client retry,
 * through any gateway, including one that restarted since) is one turn: nothing new is decided or
 * recorded. Once its turn is over, the conversation says again what it answered, from its
 * transcript, so the gateway that holds the retry can answer it without asking first; while the
 * turn is still under way the final reply is still to come and nothing is sent.
 */
final class RepeatedMessages {

    private RepeatedMessages() {
    }

    static void answerAgain(Turn turn, String messageId) {
        if (turn.stillWorkingOn(messageId)) {
            return;
        }
        List<TranscriptLine> replies = turn.snapshot().getTranscript().stream()
                .filter(line -> messageId.equals(line.getMessageId()) && line.getReplyId() != null
                        && !"patient".equals(line.getRole()))
                .sorted(Comparator.comparingLong(TranscriptLine::getSequence))
                .toList();
        if (replies.isEmpty()) {
            return; // answered so long ago that the bounded transcript no longer has it
        }
        TranscriptLine last = replies.get(replies.size() - 1);
        List<AssistantReplied> again = replies.stream().map(line -> AssistantReplied.newBuilder()
                .setReplyId(line.getReplyId()).setInReplyTo(messageId).setSequence(line.getSequence())
                .setText(line.getText()).setAuthor(author(line.getRole()))
                .setState(turn.snapshot().getState()).setStep(turn.snapshot().getStep())
                // a reply kept before turnComplete was: the last one ends the turn, which is over
                .setTurnComplete(line.getTurnComplete() != null ? line.getTurnComplete() : line == last)
                .build()).toList();
        EventMetadata metadata = turn.nextMetadata();
        metadata.setCorrelationId(messageId);
        turn.emit(ReplyEvent.newBuilder().setMetadata(metadata).setType(ReplyEventType.ANSWER_REPEATED)
                .setRepeated(new AnswerRepeated(messageId, again)).build());
    }

    private static ReplyAuthor author(String role) {
        for (ReplyAuthor author : ReplyAuthor.values()) {
            if (author.name().equals(role.toUpperCase(Locale.ROOT))) {
                return author;
            }
        }
        return ReplyAuthor.SYSTEM;
    }
}
