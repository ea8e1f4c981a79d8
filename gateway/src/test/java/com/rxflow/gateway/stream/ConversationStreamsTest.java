package com.rxflow.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.TestGatewayProperties;
import com.rxflow.gateway.ratelimit.RateLimitedException;

/** The caps on open streams: per conversation and per caller key, on this instance. */
class ConversationStreamsTest {

    private final ConversationStreams streams = new ConversationStreams(withCaps(2, 3));
    private final List<ReplyStream> opened = new ArrayList<>();

    @AfterEach
    void stop() {
        streams.stop();
    }

    @Test
    void aConversationGetsNoMoreStreamsThanItsCapUntilOneCloses() {
        open("c1", "key-a");
        ReplyStream second = open("c1", "key-b");

        assertThatThrownBy(() -> open("c1", "key-c")).isInstanceOf(RateLimitedException.class)
                .hasMessageContaining("already has 2 open streams");
        assertThat(open("c2", "key-c")).as("another conversation is not affected").isNotNull();

        streams.abandon(second);
        assertThat(open("c1", "key-c")).isNotNull();
        assertThat(streams.openStreams("c1")).isEqualTo(2);
    }

    @Test
    void aKeyGetsNoMoreStreamsThanItsCapAcrossItsConversationsUntilOneCloses() {
        open("c1", "key-a");
        open("c2", "key-a");
        ReplyStream third = open("c3", "key-a");

        assertThatThrownBy(() -> open("c4", "key-a")).isInstanceOf(RateLimitedException.class)
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfterSeconds()).isPositive());
        assertThat(open("c4", "key-b")).as("another key is not affected").isNotNull();

        streams.abandon(third);
        assertThat(open("c4", "key-a")).isNotNull();
    }

    private ReplyStream open(String conversationId, String key) {
        ReplyStream stream = streams.open(conversationId, key, 0, false);
        opened.add(stream);
        return stream;
    }

    private static GatewayProperties withCaps(int perConversation, int perKey) {
        GatewayProperties defaults = TestGatewayProperties.defaults();
        return new GatewayProperties(defaults.identity(), defaults.clients(), URI.create("http://localhost:8082"),
                defaults.bindingLookupPatience(), defaults.replyCache(), defaults.bindingCache(), defaults.rateLimits(),
                new GatewayProperties.Stream(Duration.ofMinutes(30), Duration.ofSeconds(15), perConversation, perKey,
                        64, 2));
    }
}
