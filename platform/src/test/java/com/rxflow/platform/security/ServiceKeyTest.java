package com.rxflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** Which service keys a service starts with, and what it refuses. */
class ServiceKeyTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void aKeyOfAtLeastThirtyTwoCharactersIsAcceptedInAnyProfile() {
        ServiceKey key = ServiceKey.from(environment("prod").withProperty(ServiceKey.PROPERTY, SECRET));
        assertThat(key.matches(SECRET)).isTrue();
        assertThat(key.matches(SECRET + "0")).isFalse();
        assertThat(key.matches(null)).isFalse();
        assertThat(key).hasToString("ServiceKey[****]");
    }

    @Test
    void aMissingKeyIsRefusedOutsideTheLocalProfileNamingTheSetting() {
        assertThatIllegalStateException().isThrownBy(() -> ServiceKey.from(environment("prod")))
                .withMessageStartingWith("rxflow.service-key (RXFLOW_SERVICE_KEY) is not set");
        assertThatIllegalStateException().isThrownBy(() -> ServiceKey.from(environment()))
                .withMessageContaining("only the 'local' profile falls back to the documented development key");
    }

    @Test
    void aShortKeyIsRefusedInEveryProfile() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ServiceKey.from(environment("local").withProperty(ServiceKey.PROPERTY, "changeme")))
                .withMessage("rxflow.service-key (RXFLOW_SERVICE_KEY) is 8 characters; it needs at least 32 "
                        + "(openssl rand -hex 32)");
    }

    @Test
    void theDocumentedDevelopmentKeyIsRefusedOutsideTheLocalProfile() {
        assertThatIllegalStateException().isThrownBy(() -> ServiceKey.from(environment("dev")
                .withProperty(ServiceKey.PROPERTY, ServiceKey.DEVELOPMENT_KEY)))
                .withMessageContaining("is the documented development key, which is accepted only with the 'local' "
                        + "profile (active profiles: [dev])");
    }

    @Test
    void theLocalProfileFallsBackToTheDocumentedDevelopmentKey() {
        assertThat(ServiceKey.from(environment("local")).value()).isEqualTo(ServiceKey.DEVELOPMENT_KEY);
    }

    @Test
    void theKeyIsReadFromTheEnvironmentVariableTheDeploymentsSet() {
        new ApplicationContextRunner().withUserConfiguration(ServiceKeyConfiguration.class)
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("systemEnvironment", Map.of("RXFLOW_SERVICE_KEY", SECRET))))
                .run(context -> assertThat(context.getBean(ServiceKey.class).matches(SECRET)).isTrue());
    }

    private static MockEnvironment environment(String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return environment;
    }
}
