package com.rxflow.platform.validation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.rxflow.events.patient.ConversationOpened;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientMessageReceived;

/**
 * What a channel says in one record of the patient messages topic, with the rules it must keep:
 * the same constraints the gateway applies to its HTTP requests (message id and text as in
 * {@code POST …/messages}, channel as in {@code POST /conversations}, patient id as in the patient
 * assertion), plus the conversation id, which a channel that speaks Kafka chooses itself and which
 * becomes part of the processor's timer keys.
 *
 * @param conversationId the record's key
 * @param namedPatient   the patient the record's metadata names, if any
 * @param opening        set for {@code CONVERSATION_OPENED}
 * @param message        set for {@code MESSAGE_RECEIVED}
 */
public record PatientInput(
        @NotNull @SafeId String conversationId,
        @PatientId String namedPatient,
        @Valid Opening opening,
        @Valid Message message) {

    /** A channel opened the conversation for a patient. */
    public record Opening(@NotNull @PatientId String patientId, @NotNull @ChannelName String channel,
            @NotNull @SafeId String clientId) {
    }

    /** A patient's message, as {@code POST /api/v1/conversations/{id}/messages} takes it. */
    public record Message(@NotNull @SafeId String messageId, @NotBlank @PlainText @MessageLength String text,
            @NotNull @ChannelName String channel, @NotNull @SafeId String clientId) {
    }

    /** The view of a record of the patient messages topic, read under its key. */
    public static PatientInput of(String key, PatientEvent event) {
        ConversationOpened opened = event.getConversationOpened();
        PatientMessageReceived received = event.getMessageReceived();
        return new PatientInput(key,
                event.getMetadata() == null ? null : event.getMetadata().getPatientId(),
                opened == null ? null : new Opening(opened.getPatientId(), opened.getChannel(), opened.getClientId()),
                received == null ? null : new Message(received.getMessageId(), received.getText(),
                        received.getChannel(), received.getClientId()));
    }
}
