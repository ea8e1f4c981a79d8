package com.rxflow.platform.observability;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * Kafka Streams' {@code processor.wrapper.class} (KIP-1112): every processor of a Streams app,
 * DSL or Processor API, processes each record inside a span that continues the trace the record
 * arrived with. Together with {@link TracingProducerInterceptor}, which writes the current span
 * into every record the app produces, one patient turn stays one trace through the conversation
 * processor and the escalation service, as spring-kafka's observations keep it through the
 * listener services. Kafka Streams applies it to topologies built from a {@code TopologyConfig}
 * (spring-kafka's {@code StreamsBuilderFactoryBean} builds them so); it finds the
 * {@link KafkaHeaderPropagation} under {@link #PROPAGATION} in the Streams configuration and,
 * without one (a topology test), leaves the processors as they are.
 */
public class TracingProcessorWrapper implements ProcessorWrapper {

    /** Streams configuration key of the {@link KafkaHeaderPropagation}. */
    public static final String PROPAGATION = "rxflow.streams.tracing";

    private KafkaHeaderPropagation propagation;

    @Override
    public void configure(Map<String, ?> configs) {
        propagation = (KafkaHeaderPropagation) configs.get(PROPAGATION);
    }

    @Override
    public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
            String processorName, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
        if (propagation == null) {
            return ProcessorWrapper.asWrapped(supplier);
        }
        KafkaHeaderPropagation tracing = propagation;
        return new WrappedProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                return new Traced<>(new NodeSpans(tracing, processorName), supplier.get());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    @Override
    public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
            String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
        if (propagation == null) {
            return ProcessorWrapper.asWrappedFixedKey(supplier);
        }
        KafkaHeaderPropagation tracing = propagation;
        return new WrappedFixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<KIn, VIn, VOut> get() {
                return new TracedFixedKey<>(new NodeSpans(tracing, processorName), supplier.get());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    /** Opens, scopes and ends the span of one record in one processor node. */
    private record NodeSpans(KafkaHeaderPropagation tracing, String node) {

        void around(org.apache.kafka.common.header.Headers headers, RecordMetadata source, Runnable process) {
            Span.Builder builder = tracing.spanFor(headers).name(node).kind(Span.Kind.CONSUMER)
                    .tag("messaging.system", "kafka").tag("rxflow.streams.node", node);
            if (source != null && source.topic() != null) {
                builder.tag("messaging.source.name", source.topic());
            }
            Span span = builder.start();
            try (Tracer.SpanInScope scope = tracing.tracer().withSpan(span)) {
                process.run();
            } catch (RuntimeException | Error e) {
                span.error(e);
                throw e;
            } finally {
                span.end();
            }
        }
    }

    private static final class Traced<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {

        private final NodeSpans spans;
        private final Processor<KIn, VIn, KOut, VOut> delegate;
        private ProcessorContext<KOut, VOut> context;

        Traced(NodeSpans spans, Processor<KIn, VIn, KOut, VOut> delegate) {
            this.spans = spans;
            this.delegate = delegate;
        }

        @Override
        public void init(ProcessorContext<KOut, VOut> context) {
            this.context = context;
            delegate.init(context);
        }

        @Override
        public void process(Record<KIn, VIn> record) {
            spans.around(record.headers(), context.recordMetadata().orElse(null), () -> delegate.process(record));
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static final class TracedFixedKey<KIn, VIn, VOut> implements FixedKeyProcessor<KIn, VIn, VOut> {

        private final NodeSpans spans;
        private final FixedKeyProcessor<KIn, VIn, VOut> delegate;
        private FixedKeyProcessorContext<KIn, VOut> context;

        TracedFixedKey(NodeSpans spans, FixedKeyProcessor<KIn, VIn, VOut> delegate) {
            this.spans = spans;
            this.delegate = delegate;
        }

        @Override
        public void init(FixedKeyProcessorContext<KIn, VOut> context) {
            this.context = context;
            delegate.init(context);
        }

        @Override
        public void process(FixedKeyRecord<KIn, VIn> record) {
            spans.around(record.headers(), context.recordMetadata().orElse(null), () -> delegate.process(record));
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
