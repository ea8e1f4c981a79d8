package com.rxflow.processor.conversation.query;

import java.security.Principal;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.platform.audit.Actor;
import com.rxflow.platform.audit.AuditTrail;
import com.rxflow.platform.audit.AuditUnavailableException;
import com.rxflow.platform.audit.Purpose;
import com.rxflow.platform.security.ServiceKey;
import com.rxflow.processor.conversation.ConversationTopology;
import com.rxflow.state.ConversationSnapshot;

/**
 * Interactive queries over the conversations store. A conversation lives on the instance that
 * owns its partition; a request that reaches another instance is forwarded there, so callers may
 * ask any instance. Internal: the gateway is the public face, and only callers with the service
 * key get here ({@code ServiceKeyFilter}); a forwarded request carries the key too.
 */
@RestController
class ConversationQueryController {

    /** The actor of a read whose caller did not authenticate as a named service. */
    static final String INTERNAL_CALLER = "internal";

    private final StreamsBuilderFactoryBean streams;
    private final HostInfo self;
    private final RestClient peers;
    private final AuditTrail audit;

    ConversationQueryController(StreamsBuilderFactoryBean streams, RestClient.Builder restClients, ServiceKey key,
            AuditTrail audit,
            @Value("${spring.kafka.streams.properties.application.server}") String applicationServer) {
        this.audit = audit;
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
        this.peers = restClients.defaultHeader(ServiceKey.HEADER, key.value()).build();
    }

    /**
     * A conversation, read where it lives. The instance that reads it from its store records the
     * access on the audit trail (actor: the calling service as authenticated, else "internal");
     * a forwarding instance does not, so one read is one record. No audit, no read: 503 when the
     * access cannot be recorded.
     */
    @GetMapping("/internal/conversations/{conversationId}")
    ConversationView conversation(@PathVariable String conversationId, Principal caller) {
        KafkaStreams kafkaStreams = running();
        KeyQueryMetadata owner = kafkaStreams.queryMetadataForKey(ConversationTopology.STORE, conversationId,
                Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw unavailable();
        }
        if (!owner.activeHost().equals(self)) {
            return forward(owner.activeHost(), conversationId);
        }
        try {
            ReadOnlyKeyValueStore<String, ConversationSnapshot> store = kafkaStreams.store(StoreQueryParameters
                    .fromNameAndType(ConversationTopology.STORE, QueryableStoreTypes.<String, ConversationSnapshot>keyValueStore()));
            ConversationSnapshot snapshot = store.get(conversationId);
            if (snapshot == null) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no conversation " + conversationId);
            }
            audit(caller, snapshot);
            return ConversationView.of(snapshot);
        } catch (InvalidStateStoreException e) {
            throw unavailable();
        }
    }

    private void audit(Principal caller, ConversationSnapshot snapshot) {
        try {
            audit.record(Actor.service(caller == null ? INTERNAL_CALLER : caller.getName()), snapshot.getPatientId(),
                    AuditAction.CONVERSATION_READ, Purpose.conversation(snapshot.getConversationId()), null);
        } catch (AuditUnavailableException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the read could not be recorded on the audit trail, so it is not served", e);
        }
    }

    private ConversationView forward(HostInfo owner, String conversationId) {
        try {
            return peers.get()
                    .uri("http://{host}:{port}/internal/conversations/{id}", owner.host(), owner.port(), conversationId)
                    .retrieve().body(ConversationView.class);
        } catch (HttpClientErrorException.NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no conversation " + conversationId);
        } catch (RestClientException e) {
            // the owner died or is restarting (its partitions stay its own until its session expires):
            // not queryable right now, as while the store rebalances; the caller retries
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the instance that owns the conversation cannot be reached right now", e);
        }
    }

    private KafkaStreams running() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            throw unavailable();
        }
        return kafkaStreams;
    }

    private static ResponseStatusException unavailable() {
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "the conversations store is not queryable right now (starting or rebalancing)");
    }
}
