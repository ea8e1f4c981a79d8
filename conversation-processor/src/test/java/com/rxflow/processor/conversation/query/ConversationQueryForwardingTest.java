package com.rxflow.processor.conversation.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.ServerSocket;
import java.util.Set;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

import com.rxflow.platform.audit.AuditTrail;
import com.rxflow.platform.security.ServiceKey;
import com.rxflow.processor.conversation.ConversationTopology;

/**
 * A conversation owned by another instance that cannot be reached (killed, restarting: its
 * partitions stay its own until its session expires) is "not queryable right now", 503, as while
 * the store rebalances, not a server error (rxflow chaos with two processors found the 500s).
 */
class ConversationQueryForwardingTest {

    @Test
    void aReadForwardedToAnOwnerThatCannotBeReachedIsAnswered503() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        KafkaStreams kafkaStreams = mock(KafkaStreams.class);
        when(kafkaStreams.state()).thenReturn(KafkaStreams.State.RUNNING);
        when(kafkaStreams.queryMetadataForKey(eq(ConversationTopology.STORE), eq("c-1"), any(Serializer.class)))
                .thenReturn(new KeyQueryMetadata(new HostInfo("localhost", deadPort), Set.of(), 0));
        StreamsBuilderFactoryBean streams = mock(StreamsBuilderFactoryBean.class);
        when(streams.getKafkaStreams()).thenReturn(kafkaStreams);
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");
        ConversationQueryController controller = new ConversationQueryController(streams, RestClient.builder(),
                ServiceKey.of(null, local), mock(AuditTrail.class), "localhost:1");

        assertThatThrownBy(() -> controller.conversation("c-1", null))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    }
}
