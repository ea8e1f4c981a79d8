package com.rxflow.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

import com.rxflow.platform.listener.ListenerPlatformConfiguration;

/**
 * The HTTP edge for chat channels: authenticates channel clients, publishes what patients say to
 * Kafka and hands the assistant's replies back. It keeps no state beyond connections and short
 * caches, so any number of instances can run side by side.
 */
@SpringBootApplication
@Import(ListenerPlatformConfiguration.class)
public class GatewayApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=gateway");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
