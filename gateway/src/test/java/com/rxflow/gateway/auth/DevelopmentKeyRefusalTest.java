package com.rxflow.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.core.NestedExceptionUtils;

import com.rxflow.gateway.GatewayApplication;

/**
 * The real application, started as an operator would, refuses the documented development keys
 * under any profile but {@code local}, before it opens a port or touches Kafka.
 */
class DevelopmentKeyRefusalTest {

    @ParameterizedTest
    @CsvSource({"'', " + ChannelClientsTest.DEVELOPMENT_HASH + ", rxflow-local-dev",
            "production, " + ChannelClientsDocumentedKeysTest.SMS_HASH + ", rxflow-local-sms"})
    void theGatewayRefusesToStartWithADocumentedKeyOutsideTheLocalProfile(String profile, String hash, String key) {
        SpringApplication gateway = GatewayApplication.application()
                .properties("spring.main.web-application-type=none",
                        // the expected failure is asserted below; its stack trace in the test log would only alarm
                        "logging.level.org.springframework.boot.SpringApplication=off",
                        "spring.kafka.bootstrap-servers=127.0.0.1:9",
                        "rxflow.service-key=gateway-test-service-key-0123456789abcdef",
                        "rxflow.gateway.clients[0].id=pharmacy-web",
                        "rxflow.gateway.clients[0].channel=web",
                        "rxflow.gateway.clients[0].key-sha256=" + hash)
                .profiles(profile.isEmpty() ? new String[0] : new String[] {profile})
                .build();

        assertThatThrownBy(gateway::run)
                .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("rxflow.gateway.clients[0].key-sha256 (client 'pharmacy-web') is the hash"
                                + " of the documented development key '" + key + "'"));
    }
}
