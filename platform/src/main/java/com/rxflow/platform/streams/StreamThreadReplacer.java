package com.rxflow.platform.streams;

import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a stream thread dies. Kafka Streams' default shuts the whole client down for
 * good; a service then stays up but processes nothing until someone restarts it.
 *
 * <p>A source topic missing during a rebalance is transient: the service created its topics a
 * moment ago and the broker's metadata has not caught up yet (seen on a fresh cluster and when two
 * instances start together). The thread is replaced and simply joins again. Anything else is not
 * understood here, so the client shuts down and its health turns DOWN for an operator or the
 * orchestrator to see.
 */
public class StreamThreadReplacer implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StreamThreadReplacer.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (causedBy(exception, MissingSourceTopicException.class)) {
            log.warn("A source topic was not visible yet; replacing the stream thread: {}", exception.getMessage());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        log.error("A stream thread died; shutting this Kafka Streams client down", exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
