package com.rxflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

/**
 * Test helper: one more gateway, started as an operator would start another instance (its own
 * port and instance id, the local profile's keys and
 * {@link TestIdentity}'s assertion key) on a broker a test already runs. Closing it is
 * stopping that instance; starting another is what a restart looks like to a client.
 */
public final class GatewayInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String baseUrl;
    private final RestClient http;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        this.http = RestClient.builder().baseUrl(baseUrl)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    /** Starts an instance and waits until its reply listener runs (replies from then on reach it). */
    public static GatewayInstance start(String brokers, String processorUrl, String instanceId) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--rxflow.gateway.processor-url=" + processorUrl,
                "--rxflow.instance-id=" + instanceId));
        // the local clients, with the test run's assertion key (TestIdentity signs their assertions)
        arguments.addAll(TestIdentity.localClientArguments());
        GatewayInstance instance = new GatewayInstance(GatewayApplication.application()
                .profiles("local")
                // arguments, not builder properties: those are defaults, which gateway.yml overrides
                .run(arguments.toArray(String[]::new)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(instance.http.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity()
                        .getStatusCode()).isEqualTo(HttpStatus.OK));
        return instance;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A client for this instance that hands back every status instead of throwing. */
    public RestClient http() {
        return http;
    }

    @Override
    public void close() {
        context.close();
    }
}
