package com.rxflow.auth;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * RxFlow's local OpenID Connect provider: signs in the demo patients and staff for the web chat and
 * the terminal, and issues the access tokens the gateway accepts. Only for the {@code local}
 * profile; a deployment names the pharmacy's own identity provider by its issuer URI instead.
 */
@SpringBootApplication
public class AuthServerApplication {

    /** The service's application, reading {@code auth-server.yml} so it can share a JVM with the others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(AuthServerApplication.class).properties("spring.config.name=auth-server");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
