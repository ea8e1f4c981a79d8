package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.rxflow.platform.security.ServiceKey;

/**
 * tools-service's HTTP port, which serves only Actuator: nothing there changes without the
 * service key. No broker: the listener and the topics' admin client stay off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=tools-service",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "rxflow.service-key=" + ToolsServiceKafkaTest.SERVICE_KEY})
class ServiceKeyHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void refreshingTheFeatureFlagsWithoutTheServiceKeyIsRefusedWithAProblem() throws Exception {
        HttpResponse<String> refused = post("/actuator/features/refresh", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(post("/actuator/features/refresh", "a-wrong-key-of-enough-length-0123456789").statusCode())
                .isEqualTo(401);
    }

    @Test
    void refreshingTheFeatureFlagsWithTheServiceKeyIsServed() throws Exception {
        assertThat(post("/actuator/features/refresh", ToolsServiceKafkaTest.SERVICE_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void anInternalPathIsRefusedWithoutTheKeyEvenWhereNoEndpointExists() throws Exception {
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(uri("/internal/anything")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> post(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header(ServiceKey.HEADER, key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
