package com.rxflow.gateway.conversation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.media.Schema;

import com.rxflow.gateway.validation.PatientId;

/**
 * Body of {@code POST /api/v1/conversations}.
 *
 * @param patientId the patient the conversation is bound to for its whole life
 * @param channel   the channel the patient uses; the client's own channel when absent
 */
public record OpenConversationRequest(
        @Schema(description = "The patient the conversation is bound to for its whole life.",
                example = "patient_001", pattern = PatientId.PATTERN)
        @NotNull @PatientId String patientId,
        @Schema(description = "The channel the patient uses; the calling client's channel when absent.",
                example = "web", pattern = "^[A-Za-z0-9_-]{1,32}$")
        @Pattern(regexp = "^[A-Za-z0-9_-]{1,32}$") String channel) {
}
