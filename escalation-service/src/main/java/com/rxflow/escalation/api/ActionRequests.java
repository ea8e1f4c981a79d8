package com.rxflow.escalation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import com.rxflow.events.escalation.PrescriberDecision;
import com.rxflow.events.escalation.ResolutionOutcome;

/** The bodies of the API's actions. */
final class ActionRequests {

    static final int MAX_TEXT = 4000;

    private ActionRequests() {
    }

    @Schema(description = "A message to the patient, delivered in their conversation")
    record Reply(@NotBlank @Size(max = MAX_TEXT) @Schema(description = "Plain text; shown as text, never as markup")
            String text) {
    }

    @Schema(description = "How the case ends for the conversation")
    record Resolve(
            @NotNull @Schema(description = "RETURNED_TO_ASSISTANT: the assistant resumes where it stood; CLOSED: the "
                    + "conversation's request ends") ResolutionOutcome outcome,
            @Size(max = MAX_TEXT) @Schema(description = "A note shown to the patient") String note) {
    }

    @Schema(description = "Why the case needs no human after all")
    record Withdraw(@NotBlank @Size(max = 500) String reason) {
    }

    @Schema(description = "The prescriber's answer to a renewal or prior-authorization case")
    record Decision(
            @NotNull PrescriberDecision decision,
            @Size(max = MAX_TEXT) @Schema(description = "Shown to the patient") String note,
            @Size(max = 200) @Schema(description = "Who decided, when you record it on a prescriber's behalf; "
                    + "defaults to you") String prescriber) {
    }
}
