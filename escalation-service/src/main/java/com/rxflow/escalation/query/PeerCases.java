package com.rxflow.escalation.query;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.streams.state.HostInfo;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.rxflow.platform.security.ServiceKey;

/**
 * Asks another instance for the cases it holds ({@link InternalCasesController}), over HTTP or HTTPS
 * ({@link PeerProperties}), authenticated with the service key. Every call throws
 * {@link RestClientException} when the instance does not answer (or answers with an error).
 */
@Component
class PeerCases {

    private static final ParameterizedTypeReference<List<PartitionCases>> PARTITIONS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<PartitionCase>> SEARCHED = new ParameterizedTypeReference<>() {
    };

    private final RestClient peers;
    private final String casesUrl;
    private final String caseUrl;

    PeerCases(RestClient.Builder restClients, ServiceKey serviceKey, PeerProperties peerSettings,
            Environment environment) {
        this.peers = restClients.defaultHeader(ServiceKey.HEADER, serviceKey.value()).build();
        this.casesUrl = peerSettings.checkedScheme(environment) + "://{host}:{port}/internal/cases";
        this.caseUrl = casesUrl + "/{id}";
    }

    /** The cases of these partitions that the instance can read (from its owned partitions only, unless stale). */
    List<PartitionCases> cases(HostInfo peer, Set<Integer> partitions, boolean stale) {
        List<PartitionCases> theirs = peers.get()
                .uri(casesUrl + "?partitions={partitions}&stale={stale}", peer.host(), peer.port(), list(partitions), stale)
                .retrieve().body(PARTITIONS);
        return theirs == null ? List.of() : theirs;
    }

    /** The partitions the instance searched for the case, the case where it found it. */
    List<PartitionCase> find(HostInfo peer, String escalationId, Set<Integer> partitions, boolean stale) {
        List<PartitionCase> theirs = peers.get()
                .uri(caseUrl + "?partitions={partitions}&stale={stale}", peer.host(), peer.port(), escalationId,
                        list(partitions), stale)
                .retrieve().body(SEARCHED);
        return theirs == null ? List.of() : theirs;
    }

    /** The case if the instance's owned partitions hold it. */
    Optional<CaseView> find(HostInfo peer, String escalationId) {
        try {
            return Optional.ofNullable(peers.get().uri(caseUrl, peer.host(), peer.port(), escalationId).retrieve()
                    .body(CaseView.class));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        }
    }

    private static String list(Set<Integer> partitions) {
        return partitions.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
