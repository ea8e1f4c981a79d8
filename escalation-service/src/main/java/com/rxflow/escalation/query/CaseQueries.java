package com.rxflow.escalation.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.rxflow.escalation.stream.EscalationCaseStore;
import com.rxflow.platform.security.ServiceKey;
import com.rxflow.state.EscalationCase;

/**
 * Reads the queue from the {@code escalation-cases} store, wherever it lives. The store is
 * partitioned by conversation: each instance holds the cases of the partitions it owns. A listing
 * therefore fans out: this instance reads its own partitions and asks every other instance that
 * Kafka Streams names as a host of the store ({@code streamsMetadataForStore}) for theirs, over
 * HTTP or HTTPS ({@link PeerProperties}), authenticated with the service key. A case by id is looked up the same way; once its
 * conversation is known, the one owner of that conversation's partition is asked directly.
 */
@Component
public class CaseQueries {

    private static final ParameterizedTypeReference<List<CaseSummary>> SUMMARIES = new ParameterizedTypeReference<>() {
    };

    private final StreamsBuilderFactoryBean streams;
    private final HostInfo self;
    private final RestClient peers;
    private final String casesUrl;
    private final String caseUrl;

    CaseQueries(StreamsBuilderFactoryBean streams, RestClient.Builder restClients, ServiceKey serviceKey,
            PeerProperties peerSettings, Environment environment,
            @Value("${spring.kafka.streams.properties.application.server}") String applicationServer) {
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
        this.peers = restClients.defaultHeader(ServiceKey.HEADER, serviceKey.value()).build();
        String scheme = peerSettings.checkedScheme(environment);
        this.casesUrl = scheme + "://{host}:{port}/internal/cases";
        this.caseUrl = casesUrl + "/{id}";
    }

    /** The queue, every instance's part of it; {@link Queue#complete()} is false when a part could not be read. */
    public Queue list() {
        KafkaStreams running = running();
        List<CaseSummary> cases = new ArrayList<>(local().stream().map(CaseSummary::of).toList());
        List<String> unavailable = new ArrayList<>();
        if (!holdsWhatItAdvertises(running)) {
            unavailable.add(self.host() + ":" + self.port() + " (another instance advertises the same address: set "
                    + "rxflow.escalation.advertised-host on each)");
        }
        for (HostInfo peer : peers(running)) {
            try {
                List<CaseSummary> theirs = peers.get().uri(casesUrl, peer.host(), peer.port()).retrieve().body(SUMMARIES);
                cases.addAll(theirs == null ? List.of() : theirs);
            } catch (RestClientException e) {
                unavailable.add(peer.host() + ":" + peer.port());
            }
        }
        cases.sort(CaseSummary.QUEUE_ORDER);
        return new Queue(cases, unavailable.isEmpty(), unavailable);
    }

    /**
     * A case by id, from this instance or the one that has it.
     *
     * @throws CaseNotFoundException    when every instance answered and none has it
     * @throws QueueUnavailableException when it is not here and an instance could not be asked
     */
    public CaseView find(String escalationId) {
        KafkaStreams running = running();
        Optional<EscalationCase> here = local(escalationId);
        if (here.isPresent()) {
            return CaseView.of(here.get());
        }
        boolean everyoneAnswered = true;
        for (HostInfo peer : peers(running)) {
            try {
                Optional<CaseView> theirs = ask(peer, escalationId);
                if (theirs.isPresent()) {
                    return theirs.get();
                }
            } catch (RestClientException e) {
                everyoneAnswered = false;
            }
        }
        if (!everyoneAnswered) {
            throw new QueueUnavailableException("an instance holding part of the queue did not answer");
        }
        throw new CaseNotFoundException(escalationId);
    }

    /**
     * A case read from the instance that owns its conversation's partition, where a pharmacist's
     * action on it is applied; empty when that instance does not (or no longer) hold it.
     */
    public Optional<CaseView> fromOwner(String conversationId, String escalationId) {
        KafkaStreams running = running();
        // the store's key is the escalation id, but its partitions are the conversations'
        KeyQueryMetadata owner = running.queryMetadataForKey(EscalationCaseStore.NAME, conversationId,
                Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new QueueUnavailableException("the case's partition has no active owner right now");
        }
        if (owner.activeHost().equals(self)) {
            return local(escalationId).map(CaseView::of);
        }
        try {
            return ask(owner.activeHost(), escalationId);
        } catch (RestClientException e) {
            throw new QueueUnavailableException("the instance that owns the case did not answer", e);
        }
    }

    /** Every case this instance holds (its active partitions), for its peers' listings. */
    public List<EscalationCase> local() {
        List<EscalationCase> cases = new ArrayList<>();
        try (KeyValueIterator<String, EscalationCase> all = store(running()).all()) {
            all.forEachRemaining(entry -> cases.add(entry.value));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
        return cases;
    }

    /** A case this instance holds. */
    public Optional<EscalationCase> local(String escalationId) {
        try {
            return Optional.ofNullable(store(running()).get(escalationId));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    /**
     * Kafka Streams groups partitions by advertised address: if another instance advertised this
     * one's address too, its partitions would look like this instance's own and be missed.
     */
    private boolean holdsWhatItAdvertises(KafkaStreams running) {
        Set<TopicPartition> advertised = running.streamsMetadataForStore(EscalationCaseStore.NAME).stream()
                .filter(host -> host.hostInfo().equals(self)).flatMap(host -> host.topicPartitions().stream())
                .collect(Collectors.toSet());
        Set<TopicPartition> held = running.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream()).flatMap(task -> task.topicPartitions().stream())
                .collect(Collectors.toSet());
        return held.containsAll(advertised);
    }

    private Optional<CaseView> ask(HostInfo peer, String escalationId) {
        try {
            return Optional.ofNullable(peers.get().uri(caseUrl, peer.host(), peer.port(),
                    escalationId).retrieve().body(CaseView.class));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        }
    }

    private List<HostInfo> peers(KafkaStreams running) {
        Collection<StreamsMetadata> hosts = running.streamsMetadataForStore(EscalationCaseStore.NAME);
        return hosts.stream().map(StreamsMetadata::hostInfo).filter(host -> !host.equals(self)).distinct().toList();
    }

    private static ReadOnlyKeyValueStore<String, EscalationCase> store(KafkaStreams running) {
        return running.store(StoreQueryParameters.fromNameAndType(EscalationCaseStore.NAME,
                QueryableStoreTypes.<String, EscalationCase>keyValueStore()));
    }

    private KafkaStreams running() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || !kafkaStreams.state().isRunningOrRebalancing()) {
            throw new QueueUnavailableException("the cases store is not queryable right now (starting)");
        }
        return kafkaStreams;
    }

    private static QueueUnavailableException unavailable(InvalidStateStoreException e) {
        return new QueueUnavailableException("the cases store is not queryable right now (rebalancing)", e);
    }

    /**
     * The queue as read.
     *
     * @param cases       every case found, in queue order
     * @param complete    false when an instance holding part of the queue did not answer
     * @param unavailable the instances that did not answer
     */
    public record Queue(List<CaseSummary> cases, boolean complete, List<String> unavailable) {
    }
}
