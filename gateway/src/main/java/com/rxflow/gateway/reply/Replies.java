package com.rxflow.gateway.reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every reply to one patient message received so far, in sequence order, each reply id once
 * (a reply seen twice, for example after a consumer restart, is kept once).
 */
public record Replies(List<ReplyView> replies) {

    public Replies {
        replies = List.copyOf(replies);
    }

    static Replies of(ReplyView reply) {
        return new Replies(List.of(reply));
    }

    Replies with(Replies more) {
        List<ReplyView> merged = new ArrayList<>(replies);
        for (ReplyView reply : more.replies) {
            if (merged.stream().noneMatch(known -> known.replyId().equals(reply.replyId()))) {
                merged.add(reply);
            }
        }
        merged.sort(Comparator.comparingLong(ReplyView::sequence));
        return new Replies(merged);
    }

    /** The reply that closed the turn, once it came. */
    public Optional<ReplyView> finalReply() {
        return replies.stream().filter(ReplyView::isFinal).reduce((first, second) -> second);
    }

    boolean answered() {
        return finalReply().isPresent();
    }
}
