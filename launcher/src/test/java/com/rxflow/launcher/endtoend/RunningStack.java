package com.rxflow.launcher.endtoend;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.rxflow.launcher.LocalStack;
import com.rxflow.launcher.RxflowServices;
import com.rxflow.launcher.broker.KafkaBroker;
import com.rxflow.launcher.channel.ChannelAssertions;

/**
 * The four services as the launcher runs them, on free ports and a data folder of their own under
 * {@code target/}, for tests that drive RxFlow from the outside (HTTP, a browser, Kafka).
 */
final class RunningStack implements AutoCloseable {

    static final String WEB_KEY = "rxflow-local-dev";
    static final String SMS_KEY = "rxflow-local-sms";
    /** The patient assertions of the web key's client, local-dev. */
    private static final ChannelAssertions WEB_ASSERTIONS = ChannelAssertions.development("local-dev");
    /** The local profile's documented development pharmacist. */
    static final String PHARMACIST = "pharmacist";
    static final String PHARMACIST_PASSWORD = "rxflow-local-pharmacist";

    private final LocalStack stack;
    private final int gatewayPort;
    private final int escalationPort;
    private final int authPort;

    private RunningStack(LocalStack stack, int gatewayPort, int escalationPort, int authPort) {
        this.stack = stack;
        this.gatewayPort = gatewayPort;
        this.escalationPort = escalationPort;
        this.authPort = authPort;
    }

    /**
     * Starts the stack on a broker made for a fresh data folder.
     *
     * @param broker makes the broker, not started yet, for the folder it is given
     */
    static RunningStack start(java.util.function.Function<Path, KafkaBroker> broker) {
        return start(broker, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #start(java.util.function.Function)}, each service's application builder customised first. */
    static RunningStack start(java.util.function.Function<Path, KafkaBroker> broker,
            java.util.function.UnaryOperator<org.springframework.boot.builder.SpringApplicationBuilder> customize) {
        return start(broker, customize, Map.of());
    }

    /** As {@link #start(java.util.function.Function)}, every service given these properties too. */
    static RunningStack start(java.util.function.Function<Path, KafkaBroker> broker,
            java.util.function.UnaryOperator<org.springframework.boot.builder.SpringApplicationBuilder> customize,
            Map<String, ?> properties) {
        Path dataDir = Path.of("target", "e2e", UUID.randomUUID().toString());
        int gatewayPort = freePort();
        int escalationPort = freePort();
        int authPort = freePort();
        LocalStack stack = new LocalStack(broker.apply(dataDir.resolve("kafka")), dataDir.resolve("state"),
                RxflowServices.all(gatewayPort, escalationPort, freePort(), freePort(), authPort, customize), System.out);
        stack.withProperties(properties).start();
        return new RunningStack(stack, gatewayPort, escalationPort, authPort);
    }

    LocalStack stack() {
        return stack;
    }

    /** The local sign-in's issuer (auth-server). */
    String issuer() {
        return RxflowServices.issuer(authPort);
    }

    String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    /** The gateway's API with a channel key, handing back error statuses instead of throwing. */
    RestClient gateway(String apiKey) {
        return RestClient.builder().baseUrl(gatewayUrl())
                .defaultHeader("X-Api-Key", apiKey)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    /**
     * Opens a conversation for the patient as the local web channel ({@code local-dev}): its key and
     * a patient assertion signed with the documented development key.
     */
    ResponseEntity<Map<String, Object>> openConversation(String patientId) {
        return gateway(WEB_KEY).post().uri("/api/v1/conversations")
                .header(ChannelAssertions.HEADER, WEB_ASSERTIONS.mint(patientId))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("channel", "web"))
                .retrieve().toEntity(new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    String consoleUrl() {
        return "http://localhost:" + escalationPort;
    }

    /** The pharmacists' API as the development pharmacist, handing back error statuses instead of throwing. */
    RestClient pharmacist() {
        return RestClient.builder().baseUrl(consoleUrl())
                .defaultHeaders(headers -> headers.setBasicAuth(PHARMACIST, PHARMACIST_PASSWORD))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    String bootstrapServers() {
        return stack.context("gateway").getEnvironment().getProperty("spring.kafka.bootstrap-servers");
    }

    @Override
    public void close() {
        stack.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
