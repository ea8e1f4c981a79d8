package com.rxflow.gateway.conversation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/conversations/{id}/messages}.
 *
 * @param messageId chosen by the client; posting the same id again is the same message (safe to retry)
 * @param text      what the patient wrote
 */
public record PostMessageRequest(
        @NotNull @Pattern(regexp = "^[A-Za-z0-9_.:-]{1,64}$") String messageId,
        @NotBlank @Size(max = 2000) String text) {
}
