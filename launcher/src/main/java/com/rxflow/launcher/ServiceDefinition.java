package com.rxflow.launcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One service the {@link LocalStack} runs, in its own Spring context inside the launcher's JVM.
 * The launcher knows a service only by this record, so the stack can be tested with any context and
 * the launcher never reaches into a service's classes beyond its application builder.
 *
 * @param name    the service name, as in {@code spring.application.name}
 * @param port    its HTTP port, shown in the start-up status
 * @param starter starts the service with the given properties, which must win over the service's own
 *                configuration files, and returns its running context
 */
public record ServiceDefinition(
        String name, int port, Function<Map<String, Object>, ConfigurableApplicationContext> starter) {

    public ServiceDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A service needs a name");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Not a TCP port for " + name + ": " + port);
        }
        Objects.requireNonNull(starter, "starter");
    }

    /**
     * This service with more properties of its own, on top of the launcher's (the benchmark gives
     * tools-service its synthetic patients and the gateway rate limits a load test does not hit).
     */
    public ServiceDefinition withProperties(Map<String, Object> more) {
        Map<String, Object> extra = Map.copyOf(more);
        Function<Map<String, Object>, ConfigurableApplicationContext> start = starter;
        return new ServiceDefinition(name, port, properties -> {
            Map<String, Object> all = new LinkedHashMap<>(properties);
            all.putAll(extra);
            return start.apply(all);
        });
    }

    /**
     * A Spring Boot service started from its application builder (for example
     * {@code ToolsServiceApplication::application}).
     *
     * <p>The properties are passed as command-line arguments, the only source that both outranks the
     * service's yml files and is in place before profiles are chosen, so {@code spring.profiles.active}
     * still selects {@code <service>-local.yml}. Spring's own shutdown hook is disabled because the
     * {@link LocalStack} stops the services in order, before the broker they depend on.
     */
    public static ServiceDefinition springBoot(String name, int port, Supplier<SpringApplicationBuilder> application) {
        return springBoot(name, port, application, Map.of());
    }

    /**
     * As {@link #springBoot(String, int, Supplier)}, with properties of this service's own on top of
     * the launcher's (for example where the gateway finds the processor).
     */
    public static ServiceDefinition springBoot(String name, int port, Supplier<SpringApplicationBuilder> application,
            Map<String, Object> own) {
        Objects.requireNonNull(application, "application");
        Map<String, Object> ownProperties = Map.copyOf(own);
        return new ServiceDefinition(name, port, properties -> {
            Map<String, Object> all = new LinkedHashMap<>(properties);
            all.putAll(ownProperties);
            return application.get()
                    .bannerMode(Banner.Mode.OFF)
                    // the stack prints one status line per service instead
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .run(asArguments(all));
        });
    }

    private static String[] asArguments(Map<String, Object> properties) {
        return properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }
}
