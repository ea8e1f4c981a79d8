package com.rxflow.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalProfileRefusalTest {

    @Test
    void refusesToStartWithoutTheLocalProfileAndSaysWhatToUseInstead() {
        assertThatThrownBy(() -> AuthServerApplication.application().run("--server.port=0",
                "--spring.profiles.active=prod").close())
                .hasStackTraceContaining("starts only with the 'local' profile")
                .hasStackTraceContaining("pharmacy's identity provider by its issuer URI");
    }
}
