package com.rxflow.processor.conversation.workflow;

import java.time.Instant;

/**
 * A timer of a conversation came due (found by the processor's punctuator in its timer index).
 * The workflow checks it is still one of the conversation's timers before acting, so a stale
 * index entry does nothing.
 */
public record TimerFired(String conversationId, Timers.Timer timer) {

    public Instant dueAt() {
        return timer.dueAt();
    }
}
