package com.rxflow.launcher.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.platform.logging.Pseudonyms;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The four services as the launcher runs them, observed as an operator would: every service's
 * spans go to one in-memory exporter, every log event at INFO or above is captured, and each
 * service's {@code /actuator/prometheus} is scraped after patients have talked to RxFlow.
 *
 * <ul>
 * <li>one patient turn is one trace: gateway HTTP request, its Kafka send, the processor, the
 * tool command in tools-service, the processor again, and the reply read by the gateway;</li>
 * <li>the scrape contains the business metrics, and every RxFlow metric the Grafana dashboard
 * queries (the sample in {@code docs/metrics-sample.txt} comes from {@code target/metrics-sample/});</li>
 * <li>no log line names a demo patient, carries a patient id, or repeats what a patient wrote or
 * was told.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservedStackEndToEndTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path DASHBOARD = Path.of("..", "deploy", "compose", "grafana", "dashboards", "rxflow.json");
    private static final java.util.regex.Pattern DASHBOARD_METRICS = java.util.regex.Pattern.compile("rxflow_[a-z_]+");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final List<String> said = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private RunningStack running;
    private RestClient gateway;
    private CapturedLogs logs;
    private String tracedConversation;
    private String escalatedConversation;

    @BeforeAll
    void startTheStackAndTalkToIt() {
        running = RunningStack.start(dataDir -> new EmbeddedBroker(dataDir, 0), application -> application
                .initializers(context -> context.getBeanFactory().registerSingleton("e2eSpans", new Forwarding(spans)))
                // export at once rather than every 5 s
                .properties("management.opentelemetry.tracing.export.schedule-delay=100ms"));
        gateway = running.gateway(RunningStack.WEB_KEY);
        logs = CapturedLogs.start();

        tracedConversation = open("patient_001");
        turn(tracedConversation, "m-1", "Which medications am I on?");

        String refill = open("patient_001");
        turn(refill, "m-1", "I need to refill my omeprazole");
        turn(refill, "m-2", "yes");
        turn(refill, "m-3", "the cheapest");
        turn(refill, "m-4", "Yes, please place the order");
        turn(refill, "m-5", "Am I on track with my omeprazole?");

        escalatedConversation = open("patient_002");
        turn(escalatedConversation, "m-1", "Can I talk to a pharmacist?");
        aPharmacistClaimsAndClosesTheCaseOf(escalatedConversation);
    }

    /**
     * Through the pharmacists' API, finding the case with the queue's filters: so escalation-service
     * has counted a case, a time to claim and a time to resolve when it is scraped.
     */
    private void aPharmacistClaimsAndClosesTheCaseOf(String conversation) {
        RestClient pharmacist = running.pharmacist();
        String escalationId = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> caseIn(pharmacist, "route=PHARMACIST&status=OPENED", conversation), id -> id != null);
        assertThat(caseIn(pharmacist, "route=PRESCRIBER", conversation)).as("the route filter").isNull();
        assertThat(caseIn(pharmacist, "status=CLAIMED", conversation)).as("the status filter").isNull();
        assertThat(pharmacist.post().uri("/api/v1/cases/{id}/claim", escalationId).retrieve().toEntity(JSON)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(caseIn(pharmacist, "status=CLAIMED", conversation)).isEqualTo(escalationId);
        assertThat(pharmacist.post().uri("/api/v1/cases/{id}/resolve", escalationId)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("outcome", "CLOSED")).retrieve().toEntity(JSON)
                .getStatusCode().value()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static String caseIn(RestClient pharmacist, String filter, String conversation) {
        ResponseEntity<Map<String, Object>> queue = pharmacist.get().uri("/api/v1/cases?" + filter).retrieve()
                .toEntity(JSON);
        assertThat(queue.getStatusCode().value()).as("GET /api/v1/cases?%s", filter).isEqualTo(200);
        return ((List<Map<String, Object>>) queue.getBody().get("cases")).stream()
                .filter(row -> conversation.equals(row.get("conversationId")))
                .map(row -> (String) row.get("escalationId")).findFirst().orElse(null);
    }

    @AfterAll
    void stopTheStack() {
        if (logs != null) {
            logs.close();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void oneTurnIsOneTraceThroughTheGatewayKafkaTheProcessorAndToolsService() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<SpanData> trace = traceOfPost(tracedConversation);
            assertThat(servicesOf(trace)).as(describe(trace))
                    .contains("gateway", "conversation-processor", "tools-service");
            assertThat(trace).as(describe(trace))
                    .anySatisfy(span -> assertSpan(span, "gateway", SpanKind.PRODUCER, "rxflow.patient-messages"))
                    .anySatisfy(span -> assertSpan(span, "tools-service", SpanKind.CONSUMER, "rxflow.tool-commands"))
                    .anySatisfy(span -> assertSpan(span, "tools-service", SpanKind.PRODUCER, "rxflow.tool-results"))
                    .anySatisfy(span -> assertSpan(span, "gateway", SpanKind.CONSUMER, "rxflow.assistant-replies"));
            assertThat(trace.stream().filter(span -> service(span).equals("conversation-processor")
                    && span.getName().equals("conversation-workflow")))
                    .as("the processor works on the patient's message and again on the tool's answer: %s",
                            describe(trace))
                    .hasSizeGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void aTurnThatOpensACaseIsTracedIntoTheEscalationService() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<SpanData> trace = traceOfPost(escalatedConversation);
            assertThat(servicesOf(trace)).as(describe(trace))
                    .contains("gateway", "conversation-processor", "escalation-service");
        });
    }

    @Test
    void everyServiceExposesItsKafkaAndBusinessMetricsToPrometheus() throws IOException {
        Map<String, String> scrapes = new java.util.LinkedHashMap<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String service : List.of("gateway", "conversation-processor", "tools-service", "escalation-service")) {
                scrapes.put(service, scrape(service));
            }
            assertThat(scrapes.get("gateway")).contains("rxflow_turn_duration_seconds_bucket{",
                    "rxflow_turns_total{", "outcome=\"answered\"", "outcome=\"handed_off\"",
                    "http_server_requests_seconds_bucket{", "kafka_consumer_fetch_manager_records_consumed_total{",
                    "kafka_producer_record_send_total{");
            assertThat(scrapes.get("conversation-processor")).contains("rxflow_conversations_active ",
                    "rxflow_conversations_started_total{", "rxflow_conversations_abandoned_total{",
                    "rxflow_escalations_requested_total{", "rxflow_refill_assessments_total{",
                    "rxflow_orders_confirmed_total", "rxflow_workflow_decision_seconds_bucket{",
                    "kafka_stream_thread_process_total{");
            assertThat(scrapes.get("tools-service")).contains("rxflow_tool_calls_total{",
                    "tool=\"medication_history\"", "rxflow_tool_duration_seconds_bucket{",
                    "rxflow_refill_orders_total{", "rxflow_adherence_score_bucket{", "medication=\"omeprazole\"",
                    "kafka_consumer_fetch_manager_records_consumed_total{");
            assertThat(scrapes.get("escalation-service")).contains("kafka_stream_thread_process_total{",
                    "rxflow_escalations_total{", "route=\"PHARMACIST\"",
                    "rxflow_escalation_time_to_claim_seconds_count{",
                    "rxflow_escalation_time_to_resolve_seconds_count{", "outcome=\"CLOSED\"");
        });
        String all = String.join("\n", scrapes.values());
        assertThat(DASHBOARD_METRICS.matcher(Files.readString(DASHBOARD)).results().map(m -> m.group())
                .distinct()).as("RxFlow metrics the Grafana dashboard queries")
                .allSatisfy(name -> assertThat(all).contains(name));
        Path samples = Files.createDirectories(Path.of("target", "metrics-sample"));
        for (Map.Entry<String, String> scrape : scrapes.entrySet()) {
            Files.writeString(samples.resolve(scrape.getKey() + ".txt"), scrape.getValue());
        }
    }

    @Test
    void noLogLineAtInfoOrAboveCarriesPatientData() {
        Pseudonyms pseudonyms = running.stack().context("gateway").getBean(Pseudonyms.class);
        List<String> lines = logs.lines();
        assertThat(lines).as("the scan read the services' logs, patients pseudonymised")
                .anyMatch(line -> line.contains(pseudonyms.of("patient_001")));

        List<String> forbidden = new ArrayList<>(List.of("patient_001", "patient_002", "John Smith", "Mary Johnson",
                "John", "Smith", "Mary", "Johnson"));
        forbidden.addAll(said);
        told.stream().map(reply -> reply.length() > 40 ? reply.substring(0, 40) : reply).forEach(forbidden::add);
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            for (String phi : forbidden) {
                if (line.toLowerCase(Locale.ROOT).contains(phi.toLowerCase(Locale.ROOT))) {
                    leaks.add("'" + phi + "' in: " + (line.length() > 300 ? line.substring(0, 300) + "..." : line));
                }
            }
        }
        assertThat(leaks).as("log lines at INFO or above that carry patient data (of %d scanned)", lines.size())
                .isEmpty();
    }

    private String open(String patientId) {
        ResponseEntity<Map<String, Object>> created = running.openConversation(patientId);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return (String) created.getBody().get("conversationId");
    }

    @SuppressWarnings("unchecked")
    private void turn(String conversation, String messageId, String text) {
        said.add(text);
        ResponseEntity<Map<String, Object>> answer = gateway.post()
                .uri("/api/v1/conversations/{id}/messages", conversation)
                .contentType(MediaType.APPLICATION_JSON).header("Prefer", "wait=20")
                .body(Map.of("messageId", messageId, "text", text)).retrieve().toEntity(JSON);
        assertThat(answer.getStatusCode().value()).as("answer to '%s'", text).isEqualTo(200);
        ((List<Map<String, Object>>) answer.getBody().get("replies")).forEach(reply -> told.add((String) reply.get("text")));
    }

    private String scrape(String service) {
        String port = running.stack().context(service).getEnvironment().getProperty("local.server.port");
        return RestClient.create().get().uri("http://localhost:" + port + "/actuator/prometheus").retrieve()
                .body(String.class);
    }

    /** The spans of the trace that began with the gateway's HTTP request posting a message to the conversation. */
    private List<SpanData> traceOfPost(String conversation) {
        List<SpanData> all = spans.getFinishedSpanItems();
        String traceId = all.stream()
                .filter(span -> service(span).equals("gateway") && span.getKind() == SpanKind.SERVER)
                .filter(span -> span.getAttributes().asMap().values().stream()
                        .anyMatch(value -> String.valueOf(value).contains(conversation + "/messages")))
                .map(SpanData::getTraceId).findFirst().orElse("none");
        return all.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private static void assertSpan(SpanData span, String service, SpanKind kind, String topic) {
        assertThat(service(span)).isEqualTo(service);
        assertThat(span.getKind()).isEqualTo(kind);
        assertThat(span.getName()).contains(topic);
    }

    private static Set<String> servicesOf(Collection<SpanData> trace) {
        return trace.stream().map(ObservedStackEndToEndTest::service).collect(Collectors.toSet());
    }

    private static String service(SpanData span) {
        return String.valueOf(span.getResource().getAttribute(SERVICE));
    }

    private static String describe(List<SpanData> trace) {
        return trace.stream().map(span -> service(span) + " " + span.getKind() + " '" + span.getName() + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Each service's exporter; the context closing it must not close the exporter the others share. */
    private record Forwarding(InMemorySpanExporter spans) implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            return spans.export(batch);
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
