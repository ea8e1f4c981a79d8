package com.rxflow.tools.interpret;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The JSON object a language model is asked to answer with. Spring AI generates its JSON schema
 * from this record and hands it to the provider as a constraint (OpenAI's {@code response_format}
 * with a strict {@code json_schema}, Ollama's {@code format}), then reads the answer back into it.
 *
 * <p>Strict structured output wants every property required, so a value the message may not state
 * is required but nullable ({@code @Schema(nullable = true)}) rather than optional.
 */
@JsonClassDescription("How one pharmacy-chat message is classified.")
record ModelProposal(
        @JsonPropertyDescription("Exactly one of the intent names given.")
        String intent,
        @JsonPropertyDescription("The medications the message refers to, each written as one of the names given; empty when it names none.")
        List<String> medications,
        @Schema(nullable = true, description = "A strength the message states, such as 20mg; null when it states none.")
        String strength,
        @Schema(nullable = true, description = "A quantity (number of units) the message states; null when it states none.")
        Integer quantity,
        @Schema(nullable = true, description = "A ZIP code the message states; null when it states none.")
        String zip,
        @Schema(nullable = true, description = "How sure the classification is, from 0 to 1.")
        Double confidence) {
}
