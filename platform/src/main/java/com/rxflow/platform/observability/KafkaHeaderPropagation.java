package com.rxflow.platform.observability;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The trace context of a Kafka record, read from and written to its headers in the configured
 * propagation format (W3C {@code traceparent} by default), the same headers spring-kafka's
 * observations use: a record a Kafka Streams app forwards continues the trace of the record it
 * was computing, whichever service reads it next.
 *
 * @param tracer     the service's tracer
 * @param propagator the service's propagator
 */
public record KafkaHeaderPropagation(Tracer tracer, Propagator propagator) {

    private static final Propagator.Getter<Headers> GETTER = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    /** Replaces, never adds a second value: a forwarded record may still carry its input's context. */
    private static final Propagator.Setter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    /**
     * A span for processing a record: the child of the span already current on this thread (a
     * processor upstream in the same task is forwarding to this one), or else of the context in the
     * record's headers, or else the root of a new trace.
     */
    public Span.Builder spanFor(Headers headers) {
        Span current = tracer.currentSpan();
        if (current != null) {
            return tracer.spanBuilder().setParent(current.context());
        }
        return propagator.extract(headers, GETTER);
    }

    /** Writes the context into the headers, replacing any context they carried. */
    public void inject(TraceContext context, Headers headers) {
        propagator.inject(context, headers, SETTER);
    }
}
