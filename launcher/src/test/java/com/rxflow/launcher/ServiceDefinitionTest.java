package com.rxflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

class ServiceDefinitionTest {

    @Test
    void springBootServiceTakesTheLaunchersPropertiesOverItsOwnFilesAndLoadsItsLocalProfile() {
        ServiceDefinition service = ServiceDefinition.springBoot("launcher-test-service", 18083,
                () -> new SpringApplicationBuilder(TestService.class)
                        .web(WebApplicationType.NONE)
                        .properties("spring.config.name=launcher-test-service"));

        try (ConfigurableApplicationContext context = service.starter().apply(Map.of(
                "server.port", 18083,
                "spring.profiles.active", "local"))) {
            Environment environment = context.getEnvironment();
            assertThat(environment.getProperty("server.port")).isEqualTo("18083");
            assertThat(environment.getActiveProfiles()).containsExactly("local");
            assertThat(environment.getProperty("rxflow.test.source")).isEqualTo("local profile yml");
        }
    }

    @Test
    void rejectsAServiceWithoutANameOrWithAnImpossiblePort() {
        assertThatThrownBy(() -> new ServiceDefinition(" ", 8080, properties -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceDefinition("gateway", 70_000, properties -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class TestService {
    }
}
