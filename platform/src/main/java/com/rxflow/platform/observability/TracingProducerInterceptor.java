package com.rxflow.platform.observability;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.micrometer.tracing.Span;

/**
 * Writes the span current on the sending thread into the headers of every record a Kafka Streams
 * app produces. A Streams app sends from the stream thread while the record that caused the send
 * is being processed, inside the span {@link TracingProcessorWrapper} opened for it, so each output
 * continues its input's trace. Records sent outside any span (a punctuator's timers) are left as
 * they are. Configured as the Streams producer's {@code interceptor.classes}, with the
 * {@link KafkaHeaderPropagation} under {@link TracingProcessorWrapper#PROPAGATION}.
 */
public class TracingProducerInterceptor implements ProducerInterceptor<Object, Object> {

    private KafkaHeaderPropagation propagation;

    @Override
    public void configure(Map<String, ?> configs) {
        propagation = (KafkaHeaderPropagation) configs.get(TracingProcessorWrapper.PROPAGATION);
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        Span current = propagation == null ? null : propagation.tracer().currentSpan();
        if (current == null) {
            return record;
        }
        // a copy: Kafka Streams may hand the same headers to several sends, and a sent record's are read-only
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        propagation.inject(current.context(), headers);
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(),
                record.value(), headers);
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        // nothing to do: the span of the record that caused the send ends with its processing
    }

    @Override
    public void close() {
        // holds nothing of its own
    }
}
