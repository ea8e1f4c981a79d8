package com.rxflow.gateway.stream;

import java.time.Instant;

/**
 * Data of a {@code state} event: where a reply left the conversation.
 *
 * @param conversationId the conversation
 * @param state          its lifecycle state, for example GATHERING_INFO or COMPLETED
 * @param step           its workflow step, where the conversation type has steps
 * @param at             when the reply that moved it was written
 */
public record StateChange(String conversationId, String state, String step, Instant at) {
}
