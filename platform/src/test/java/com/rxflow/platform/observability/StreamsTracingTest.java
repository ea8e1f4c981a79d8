package com.rxflow.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * The Streams half of tracing: the processor wrapper continues the trace a record arrives with
 * (the DSL's processors and the Processor API's alike), and the producer interceptor writes the
 * current span into what the app sends.
 */
class StreamsTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    private final Tracer tracer = new OtelTracer(sdk.getTracer("test"), new OtelCurrentTraceContext(), event -> { });
    private final KafkaHeaderPropagation propagation = new KafkaHeaderPropagation(tracer,
            new OtelPropagator(sdk.getPropagators(), sdk.getTracer("test")));

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void everyProcessorOfATopologyContinuesTheTraceItsRecordArrivedWith() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "tracing-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, TracingProcessorWrapper.class);
        config.put(TracingProcessorWrapper.PROPAGATION, propagation);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        builder.stream("in", org.apache.kafka.streams.kstream.Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues((String value) -> value.toUpperCase(java.util.Locale.ROOT), org.apache.kafka.streams.kstream.Named.as("upper"))
                .to("out", org.apache.kafka.streams.kstream.Produced.with(Serdes.String(), Serdes.String()));
        Topology topology = builder.build();
        topology.addProcessor("seen", () -> new Processor<String, String, Void, Void>() {
            @Override
            public void process(Record<String, String> record) {
                assertThat(tracer.currentSpan()).as("a span is current while the processor runs").isNotNull();
            }
        }, "upper");

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                    Serdes.String().serializer());
            RecordHeaders headers = new RecordHeaders();
            headers.add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8));
            in.pipeInput(new org.apache.kafka.streams.test.TestRecord<>("c-1", "hello", headers));
        }

        List<SpanData> finished = spans.getFinishedSpanItems();
        assertThat(finished).extracting(SpanData::getName).contains("upper", "seen");
        assertThat(finished).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(TRACE_ID));
        SpanData upper = finished.stream().filter(s -> s.getName().equals("upper")).findFirst().orElseThrow();
        SpanData seen = finished.stream().filter(s -> s.getName().equals("seen")).findFirst().orElseThrow();
        assertThat(seen.getParentSpanId()).as("a downstream processor's span is its upstream's child")
                .isEqualTo(upper.getSpanId());
        assertThat(upper.getAttributes().asMap().toString()).contains("messaging.source.name=in");
    }

    @Test
    void theProducerInterceptorWritesTheCurrentSpanIntoWhatTheAppSends() {
        TracingProducerInterceptor interceptor = new TracingProducerInterceptor();
        interceptor.configure(Map.of(TracingProcessorWrapper.PROPAGATION, propagation));
        RecordHeaders stale = new RecordHeaders();
        stale.add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        ProducerRecord<Object, Object> record = new ProducerRecord<>("out", null, 1L, "c-1", "v", stale);

        Span span = tracer.nextSpan().name("processing").start();
        ProducerRecord<Object, Object> sent;
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            sent = interceptor.onSend(record);
        } finally {
            span.end();
        }

        assertThat(sent.headers().headers("traceparent")).singleElement()
                .satisfies(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8))
                        .contains(span.context().traceId()).contains(span.context().spanId()));
        assertThat(interceptor.onSend(record)).as("outside any span a record is sent as it is").isSameAs(record);
    }
}
