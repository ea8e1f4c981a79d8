package com.rxflow.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadReplacerTest {

    private final StreamThreadReplacer handler = new StreamThreadReplacer();

    @Test
    void aSourceTopicNotVisibleYetReplacesTheThread() {
        StreamsException wrapped = new StreamsException(new MissingSourceTopicException("missing rxflow.tool-results"));

        assertThat(handler.handle(wrapped)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void anythingElseShutsTheClientDown() {
        assertThat(handler.handle(new IllegalStateException("unexpected")))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}
