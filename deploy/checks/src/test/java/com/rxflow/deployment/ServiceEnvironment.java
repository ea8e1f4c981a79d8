package com.rxflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.BoundPropertiesTrackingBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.RandomValuePropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import com.rxflow.platform.kafka.RxflowKafkaProperties;

/**
 * A service's configuration as it will be inside its container: the service's own yml files (for
 * the active profiles) under the container's environment variables, resolved and bound by Spring
 * itself, relaxed binding included. The deployment files are checked against this, not against a
 * copy of the services' settings.
 */
final class ServiceEnvironment {

    /** Environment variables that are not Spring properties and are expected in a container. */
    static final Set<String> NOT_SPRING = Set.of(
            "HOSTNAME", "POD_NAME", "POD_NAMESPACE", "POD_IP", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "HEALTHCHECK_URL",
            // Kubernetes: the service's Kafka password from its Secret, only to be placed into
            // SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG by $(KAFKA_SASL_PASSWORD)
            "KAFKA_SASL_PASSWORD");

    private static final String ENVIRONMENT = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    private final RxflowService service;
    private final Map<String, String> variables;
    private final StandardEnvironment environment;
    private final Set<String> ymlPlaceholderKeys = new HashSet<>();

    private ServiceEnvironment(RxflowService service, Map<String, String> variables) {
        this.service = service;
        this.variables = Map.copyOf(variables);
        this.environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.remove(ENVIRONMENT);
        sources.addLast(new SystemEnvironmentPropertySource(ENVIRONMENT, new LinkedHashMap<>(variables)));
        List<String> profiles = new ArrayList<>(activeProfiles());
        Collections.reverse(profiles);
        for (String profile : profiles) {
            loadYaml(service.serviceName() + "-" + profile + ".yml", profiles);
        }
        loadYaml(service.serviceName() + ".yml", profiles);
        sources.addLast(new RandomValuePropertySource());
        ConfigurationPropertySources.attach(environment);
    }

    static ServiceEnvironment of(RxflowService service, Map<String, String> variables) {
        return new ServiceEnvironment(service, variables);
    }

    RxflowService service() {
        return service;
    }

    List<String> activeProfiles() {
        String active = environment.getProperty("spring.profiles.active");
        return active == null || active.isBlank() ? List.of()
                : Arrays.stream(active.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    String property(String name) {
        return environment.getProperty(name);
    }

    String resolve(String placeholders) {
        return environment.resolveRequiredPlaceholders(placeholders);
    }

    int serverPort() {
        return environment.getProperty("server.port", Integer.class, 8080);
    }

    /** Actuator's port: the server's unless a separate management port is configured. */
    int managementPort() {
        return environment.getProperty("management.server.port", Integer.class, serverPort());
    }

    /** The HTTP path of an Actuator endpoint (with sub-paths), honouring base path and path mappings. */
    String actuatorPath(String endpoint, String... subPaths) {
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        String mapped = environment.getProperty("management.endpoints.web.path-mapping." + endpoint, endpoint);
        StringBuilder path = new StringBuilder(base.equals("/") ? "" : base).append('/').append(mapped);
        for (String sub : subPaths) {
            path.append('/').append(sub);
        }
        return path.toString();
    }

    Set<String> exposedEndpoints() {
        return Binder.get(environment).bind("management.endpoints.web.exposure.include", Bindable.setOf(String.class))
                .orElse(Set.of());
    }

    /** Binds a property type as Spring Boot would, validation included. */
    <T> T bind(String prefix, Class<T> type) {
        return Binder.get(environment).bindOrCreate(prefix, Bindable.of(type), validating());
    }

    KafkaProperties kafka() {
        return Binder.get(environment).bindOrCreate("spring.kafka", Bindable.of(KafkaProperties.class), validating());
    }

    RxflowKafkaProperties rxflowKafka() {
        return bind("rxflow.kafka", RxflowKafkaProperties.class);
    }

    /**
     * The variables the service would not read: neither a Spring Boot property, nor one of
     * RxFlow's typed properties, nor a key its code or yml resolves ({@code @Value},
     * placeholders), nor a known non-Spring variable. Names must be in the documented form (the
     * property's canonical name, dots as underscores, dashes removed, upper case).
     */
    List<String> unknownVariables() {
        List<String> packages = List.of(service.basePackage(), "com.rxflow.platform", "com.rxflow.schemas");
        Set<ConfigurationPropertyName> read = new HashSet<>();
        BindHandler tracking = new BoundPropertiesTrackingBindHandler(p -> read.add(p.getName()));
        SpringPropertyNames.configurationPropertiesTypes(packages).forEach((prefix, type) ->
                Binder.get(environment).bind(prefix, Bindable.of(type), tracking));
        Set<String> keys = new HashSet<>(SpringPropertyNames.valueKeys(packages));
        keys.addAll(ymlPlaceholderKeys);
        keys.forEach(k -> read.add(ConfigurationPropertyName.adapt(k, '.')));
        // a placeholder resolves through the environment, where RXFLOW_SERVICE_KEY also stands for
        // rxflow.service-key (Spring's mapping of '.' and '-' to '_'), not only RXFLOW_SERVICEKEY
        keys.forEach(k -> read.add(ConfigurationPropertyName.adapt(k.replace('-', '.'), '.')));
        List<String> unknown = new ArrayList<>();
        for (String variable : variables.keySet()) {
            if (NOT_SPRING.contains(variable)) {
                continue;
            }
            ConfigurationPropertyName name = mappedName(variable);
            if (name == null || !(SpringPropertyNames.isBootProperty(name) || read.contains(name))) {
                unknown.add(variable);
            }
        }
        return unknown;
    }

    /** The property an environment variable stands for, as Spring Boot maps it. */
    static ConfigurationPropertyName mappedName(String variable) {
        SystemEnvironmentPropertySource single = new SystemEnvironmentPropertySource(ENVIRONMENT, Map.of(variable, "x"));
        IterableConfigurationPropertySource source =
                (IterableConfigurationPropertySource) ConfigurationPropertySources.from(single).iterator().next();
        return source.stream().findFirst().orElse(null);
    }

    private BindHandler validating() {
        return new ValidationBindHandler(new SpringValidatorAdapter(VALIDATION.getValidator()));
    }

    private void loadYaml(String file, List<String> profiles) {
        ClassPathResource resource = new ClassPathResource(file);
        if (!resource.exists()) {
            return;
        }
        try {
            for (PropertySource<?> document : new YamlPropertySourceLoader().load(file, resource)) {
                Object onProfile = document.getProperty("spring.config.activate.on-profile");
                if (onProfile != null && !Profiles.of(onProfile.toString()).matches(profiles::contains)) {
                    continue;
                }
                if (document.getProperty("spring.config.import") != null) {
                    throw new UnsupportedOperationException(file + " imports other config files; extend ServiceEnvironment");
                }
                for (String name : ((EnumerablePropertySource<?>) document).getPropertyNames()) {
                    ymlPlaceholderKeys.addAll(SpringPropertyNames.placeholderKeys(String.valueOf(document.getProperty(name))));
                }
                environment.getPropertySources().addLast(document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
