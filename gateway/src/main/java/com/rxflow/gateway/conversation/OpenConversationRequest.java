package com.rxflow.gateway.conversation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /api/v1/conversations}.
 *
 * @param patientId the patient the conversation is bound to for its whole life
 * @param channel   the channel the patient uses; the client's own channel when absent
 */
public record OpenConversationRequest(
        @NotNull @Pattern(regexp = "^[A-Za-z0-9_]{1,20}$") String patientId,
        @Pattern(regexp = "^[A-Za-z0-9_-]{1,32}$") String channel) {
}
