package com.rxflow.gateway.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.patient.ConversationOpened;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.gateway.auth.ChannelClient;
import com.rxflow.gateway.problem.UnavailableException;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * Publishes what channels report to the patient messages topic, keyed by conversation id, and
 * returns only once the broker acknowledged the record: a request the gateway answered with 2xx
 * is never lost.
 */
@Component
public class PatientEventPublisher {

    static final String SOURCE = "gateway";

    /** Above the producer's own delivery timeout, which normally ends the wait first. */
    private static final Duration ACKNOWLEDGEMENT_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaTemplate<String, PatientEvent> kafka;
    private final String topic;
    private final Clock clock;

    public PatientEventPublisher(KafkaTemplate<String, PatientEvent> kafka, TopicCatalogue catalogue, Clock clock) {
        this.kafka = kafka;
        this.topic = catalogue.name(TopicCatalogue.PATIENT_MESSAGES);
        this.clock = clock;
    }

    /** A channel client opened a conversation for a patient; the conversation id correlates the opening. */
    public void conversationOpened(String conversationId, String patientId, String channel, ChannelClient client) {
        publish(PatientEvent.newBuilder()
                .setMetadata(metadata(conversationId, patientId, conversationId))
                .setType(PatientEventType.CONVERSATION_OPENED)
                .setConversationOpened(ConversationOpened.newBuilder()
                        .setPatientId(patientId)
                        .setChannel(channel)
                        .setClientId(client.id())
                        .build())
                .build());
    }

    /** A patient said something; the message id correlates everything the turn causes. */
    public void messageReceived(ConversationBinding conversation, String messageId, String text, ChannelClient client) {
        publish(PatientEvent.newBuilder()
                .setMetadata(metadata(conversation.conversationId(), conversation.patientId(), messageId))
                .setType(PatientEventType.MESSAGE_RECEIVED)
                .setMessageReceived(PatientMessageReceived.newBuilder()
                        .setMessageId(messageId)
                        .setText(text)
                        .setChannel(conversation.channel())
                        .setClientId(client.id())
                        .build())
                .build());
    }

    private EventMetadata metadata(String conversationId, String patientId, String correlationId) {
        // Avro keeps milliseconds; truncating here makes the record equal to what consumers read back
        return Metadata.start(conversationId, patientId, correlationId, SOURCE,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private void publish(PatientEvent event) {
        try {
            kafka.send(topic, event.getMetadata().getConversationId(), event)
                    .get(ACKNOWLEDGEMENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notStored(e);
        } catch (ExecutionException | TimeoutException | KafkaException
                | org.springframework.kafka.KafkaException e) {
            // the producer reports a broker it cannot reach through either exception family, depending on the step
            throw notStored(e);
        }
    }

    private static UnavailableException notStored(Exception cause) {
        return new UnavailableException("The message could not be stored; send it again.", cause);
    }
}
