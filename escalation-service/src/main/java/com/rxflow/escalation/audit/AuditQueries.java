package com.rxflow.escalation.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.rxflow.platform.security.ServiceKey;
import com.rxflow.events.audit.AuditRecord;

/**
 * Reads one patient's accesses from the {@code audit-by-patient} store. All of a patient's records
 * are on the partition their pseudonym hashes to (audit-access is keyed by it), so exactly one
 * instance holds them: this one, or the owner Kafka Streams names, which is asked over HTTP with
 * the peer key, as {@code CaseQueries} asks for cases.
 */
@Component
public class AuditQueries {

    private static final ParameterizedTypeReference<List<AccessView>> ACCESSES = new ParameterizedTypeReference<>() {
    };

    private final StreamsBuilderFactoryBean streams;
    private final HostInfo self;
    private final RestClient peers;

    AuditQueries(StreamsBuilderFactoryBean streams, RestClient.Builder restClients, ServiceKey serviceKey,
            @Value("${spring.kafka.streams.properties.application.server}") String applicationServer) {
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
        this.peers = restClients.defaultHeader(ServiceKey.HEADER, serviceKey.value()).build();
    }

    /** A patient's accesses, newest first, from whichever instance holds them. */
    public List<AccessView> accesses(String pseudonym) {
        KafkaStreams running = running();
        KeyQueryMetadata owner = running.queryMetadataForKey(AuditStores.BY_PATIENT, pseudonym,
                Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new AuditLogUnavailableException("the patient's audit partition has no active owner right now", null);
        }
        if (owner.activeHost().equals(self)) {
            return local(pseudonym);
        }
        try {
            List<AccessView> theirs = peers.get().uri("http://{host}:{port}/internal/audit/patients/{pseudonym}/accesses",
                    owner.activeHost().host(), owner.activeHost().port(), pseudonym).retrieve().body(ACCESSES);
            return theirs == null ? List.of() : theirs;
        } catch (RestClientException e) {
            throw new AuditLogUnavailableException("the instance that holds the patient's audit records did not answer", e);
        }
    }

    /** The accesses this instance holds for a patient, newest first. */
    public List<AccessView> local(String pseudonym) {
        List<AccessView> accesses = new ArrayList<>();
        try (KeyValueIterator<String, AuditRecord> records = store(running())
                .prefixScan(AuditStores.prefix(pseudonym), new StringSerializer())) {
            records.forEachRemaining(entry -> accesses.add(AccessView.of(entry.value)));
        } catch (InvalidStateStoreException e) {
            throw new AuditLogUnavailableException("the audit store is not queryable right now (rebalancing)", e);
        }
        Collections.reverse(accesses);
        return accesses;
    }

    private static ReadOnlyKeyValueStore<String, AuditRecord> store(KafkaStreams running) {
        return running.store(StoreQueryParameters.fromNameAndType(AuditStores.BY_PATIENT,
                QueryableStoreTypes.<String, AuditRecord>keyValueStore()));
    }

    private KafkaStreams running() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || !kafkaStreams.state().isRunningOrRebalancing()) {
            throw new AuditLogUnavailableException("the audit store is not queryable right now (starting)", null);
        }
        return kafkaStreams;
    }
}
