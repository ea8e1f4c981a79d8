package com.rxflow.tools;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

import com.rxflow.platform.listener.ListenerPlatformConfiguration;

/**
 * tools-service: consumes tool commands, runs the pharmacy tool each names for the patient the
 * conversation is bound to, and publishes the outcome, each command answered in one Kafka
 * transaction with its offset commit.
 */
@SpringBootApplication
@Import(ListenerPlatformConfiguration.class)
public class ToolsServiceApplication {

    /** The application as the launcher and {@link #main} start it, reading {@code tools-service.yml}. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ToolsServiceApplication.class)
                .properties("spring.config.name=tools-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
