package com.rxflow.gateway.conversation;

import io.swagger.v3.oas.annotations.media.Schema;

import com.rxflow.platform.validation.ChannelName;

/**
 * Body of {@code POST /api/v1/conversations} (optional). It never names the patient: that comes
 * from the caller's access token, or from the channel's patient assertion.
 *
 * @param channel the channel the patient uses; the caller's own channel when absent
 */
public record OpenConversationRequest(
        @Schema(description = "The channel the patient uses; the caller's channel when absent (web for a signed-in"
                + " patient).", example = "sms", pattern = ChannelName.PATTERN)
        @ChannelName String channel) {

    static final OpenConversationRequest EMPTY = new OpenConversationRequest(null);
}
