package com.rxflow.gateway.conversation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.media.Schema;

import com.rxflow.gateway.validation.PlainText;
import com.rxflow.gateway.validation.MessageLength;

/**
 * Body of {@code POST /api/v1/conversations/{id}/messages}.
 *
 * @param messageId chosen by the client; posting the same id again is the same message (safe to retry)
 * @param text      what the patient wrote, kept and returned as plain text
 */
public record PostMessageRequest(
        @Schema(description = "Chosen by the client; the same id posted again is the same message.",
                example = "m-1", pattern = MESSAGE_ID)
        @NotNull @Pattern(regexp = MESSAGE_ID) String messageId,
        @Schema(description = "What the patient wrote, as plain text (never HTML).",
                example = "I need a refill of my omeprazole", maxLength = MessageLength.MAX)
        @NotBlank @PlainText @MessageLength String text) {

    static final String MESSAGE_ID = "^[A-Za-z0-9_.:-]{1,64}$";
}
