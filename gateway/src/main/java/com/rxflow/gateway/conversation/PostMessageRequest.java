package com.rxflow.gateway.conversation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;

import com.rxflow.platform.validation.MessageLength;
import com.rxflow.platform.validation.PlainText;
import com.rxflow.platform.validation.SafeId;

/**
 * Body of {@code POST /api/v1/conversations/{id}/messages}. Its rules are the shared ones of
 * {@code com.rxflow.platform.validation}, which the processor applies to channels that write Kafka directly.
 *
 * @param messageId chosen by the client; posting the same id again is the same message (safe to retry)
 * @param text      what the patient wrote, kept and returned as plain text
 */
public record PostMessageRequest(
        @Schema(description = "Chosen by the client; the same id posted again is the same message.",
                example = "m-1", pattern = SafeId.PATTERN)
        @NotNull @SafeId String messageId,
        @Schema(description = "What the patient wrote, as plain text (never HTML).",
                example = "I need a refill of my omeprazole", maxLength = MessageLength.MAX)
        @NotBlank @PlainText @MessageLength String text) {
}
