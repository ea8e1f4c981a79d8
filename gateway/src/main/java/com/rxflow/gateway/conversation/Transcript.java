package com.rxflow.gateway.conversation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.rxflow.gateway.reply.Replies;
import com.rxflow.gateway.reply.ReplyView;

/**
 * The replies of a conversation as the processor's transcript keeps them, read back as the replies
 * the gateway delivered. This is what lets any gateway instance, including one that just started
 * with empty caches, answer a repeated message id with the reply it got the first time and resume
 * a stream from its {@code Last-Event-ID}.
 *
 * <p>The transcript keeps each reply's text, id, sequence, the message it answers and whether it
 * ended that message's turn, as the processor decided when it sent it. A reply kept by a processor
 * that did not record that yet counts as final when it is its message's last and the processor waits
 * for nothing more on that message. The lifecycle state and step are known only for the
 * conversation's latest reply (they are the conversation's current ones); earlier replies carry none.
 */
public final class Transcript {

    private final ConversationState state;
    private final List<ConversationState.TranscriptLine> lines;
    private final Set<String> awaited;

    private Transcript(ConversationState state) {
        this.state = state;
        this.lines = ConversationView.orEmpty(state.transcript());
        this.awaited = ConversationView.orEmpty(state.pending()).stream()
                .map(ConversationState.Pending::messageId).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    public static Transcript of(ConversationState state) {
        return new Transcript(state);
    }

    /** Whether the processor accepted a patient message with this id (within its recent transcript). */
    public boolean received(String messageId) {
        return lines.stream().anyMatch(line -> line.fromPatient() && messageId.equals(line.messageId()));
    }

    /** Every reply to the message, once its turn is complete: one of them ended it. */
    public Optional<Replies> answerTo(String messageId) {
        Replies replies = new Replies(replies().stream().filter(reply -> messageId.equals(reply.inReplyTo())).toList());
        return replies.finalReply().isPresent() ? Optional.of(replies) : Optional.empty();
    }

    /** The replies after the given sequence number, in order, as a stream resumes them. */
    public List<ReplyView> repliesAfter(long sequence) {
        return replies().stream().filter(reply -> reply.sequence() > sequence).toList();
    }

    /** The conversation this transcript belongs to. */
    public ConversationState conversation() {
        return state;
    }

    private List<ReplyView> replies() {
        List<ConversationState.TranscriptLine> replyLines = lines.stream()
                .filter(line -> !line.fromPatient() && line.replyId() != null && line.sequence() != null)
                .sorted(Comparator.comparingLong(ConversationState.TranscriptLine::sequence))
                .toList();
        List<ReplyView> replies = new ArrayList<>();
        for (int i = 0; i < replyLines.size(); i++) {
            ConversationState.TranscriptLine line = replyLines.get(i);
            boolean latest = i == replyLines.size() - 1;
            boolean isFinal = line.turnComplete() != null ? line.turnComplete() : keptBefore(line, replyLines, i);
            replies.add(new ReplyView(line.replyId(), line.messageId(), line.sequence(), line.text(),
                    line.role() == null ? "SYSTEM" : line.role().toUpperCase(Locale.ROOT),
                    latest ? state.state() : null, latest ? state.step() : null, isFinal, line.at()));
        }
        return replies;
    }

    /** A reply from a processor that did not keep turnComplete: final when its message's last, with nothing awaited. */
    private boolean keptBefore(ConversationState.TranscriptLine line, List<ConversationState.TranscriptLine> replyLines,
            int index) {
        boolean lastForItsMessage = replyLines.subList(index + 1, replyLines.size()).stream()
                .noneMatch(later -> Objects.equals(later.messageId(), line.messageId()));
        return lastForItsMessage && (line.messageId() == null || !awaited.contains(line.messageId()));
    }
}
