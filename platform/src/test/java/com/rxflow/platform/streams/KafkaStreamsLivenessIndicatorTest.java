package com.rxflow.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class KafkaStreamsLivenessIndicatorTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"CREATED, UP", "REBALANCING, UP", "RUNNING, UP", "PENDING_ERROR, DOWN", "ERROR, DOWN",
            "PENDING_SHUTDOWN, DOWN", "NOT_RUNNING, DOWN"})
    void aClientIsAliveWhileItStartsRebalancesOrRunsAndDeadOnceItStopped(KafkaStreams.State state, String status) {
        KafkaStreams streams = mock(KafkaStreams.class);
        when(streams.state()).thenReturn(state);
        StreamsBuilderFactoryBean factoryBean = mock(StreamsBuilderFactoryBean.class);
        when(factoryBean.getKafkaStreams()).thenReturn(streams);

        var health = new KafkaStreamsLivenessIndicator(factoryBean).health(true);

        assertThat(health.getStatus()).isEqualTo(new Status(status));
        assertThat(health.getDetails()).containsEntry("state", state.name());
    }

    @org.junit.jupiter.api.Test
    void aServiceWhoseClientIsNotCreatedYetIsStartingNotDead() {
        var health = new KafkaStreamsLivenessIndicator(mock(StreamsBuilderFactoryBean.class)).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
    }
}
