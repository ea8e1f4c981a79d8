package com.rxflow.gateway.conversation;

import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/conversations} (optional). It never names the patient: that comes
 * from the caller's access token, or from the channel's patient assertion.
 *
 * @param channel the channel the patient uses; the caller's own channel when absent
 */
public record OpenConversationRequest(
        @Schema(description = "The channel the patient uses; the caller's channel when absent (web for a signed-in"
                + " patient).", example = "sms", pattern = "^[A-Za-z0-9_-]{1,32}$")
        @Pattern(regexp = "^[A-Za-z0-9_-]{1,32}$") String channel) {

    static final OpenConversationRequest EMPTY = new OpenConversationRequest(null);
}
