package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.rxflow.platform.security.ServiceKey;

/**
 * Actuator on a port of its own, as the deployments' profiles run it: the service key guards
 * Actuator's writes there too, while probes are answered without it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=tools-service",
        "management.server.port=0",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "rxflow.service-key=" + ToolsServiceKafkaTest.SERVICE_KEY})
class ManagementPortTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalManagementPort
    int managementPort;

    @LocalServerPort
    int serverPort;

    @Test
    void onActuatorsOwnPortRefreshingTheFeatureFlagsNeedsTheServiceKey() throws Exception {
        assertThat(managementPort).isNotEqualTo(serverPort);
        assertThat(post(null).statusCode()).isEqualTo(401);
        assertThat(post(ToolsServiceKafkaTest.SERVICE_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void onActuatorsOwnPortTheProbesNeedNoKey() throws Exception {
        HttpResponse<String> liveness = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/health/liveness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(liveness.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/features/refresh"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header(ServiceKey.HEADER, key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
