package com.rxflow.deployment;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * deploy/compose/docker-compose.yml, read with the variables of its {@code .env.example} (stand-ins
 * for its empty secrets), and each RxFlow service in it as a {@link DeployedService}.
 */
final class ComposeDeployment {

    static final String NAME = "docker-compose";
    /** The same stack with docker-compose.phi.yml on top: PHI encryption on. */
    static final String NAME_PHI = "docker-compose + phi";

    private ComposeDeployment() {
    }

    static Map<String, String> exampleVariables() {
        return EnvFile.withStandIns(EnvFile.read(Repository.envExample()), ".env");
    }

    static ComposeFile compose() {
        return ComposeFile.read(Repository.composeFile(), exampleVariables());
    }

    /** docker-compose.yml with docker-compose.phi.yml on top. */
    static ComposeFile composeWithPhi() {
        return compose().withOverride(Repository.composePhiFile(), exampleVariables());
    }

    static Map<String, Object> prometheus() {
        return Yamls.load(Repository.compose().resolve("prometheus/prometheus.yml"));
    }

    static List<DeployedService> services() {
        return services(compose());
    }

    static List<DeployedService> servicesWithPhi() {
        return services(composeWithPhi());
    }

    private static List<DeployedService> services(ComposeFile compose) {
        Dockerfile dockerfile = Dockerfile.read(Repository.dockerfile());
        List<DeployedService> services = new ArrayList<>();
        for (RxflowService service : RxflowService.values()) {
            services.add(deployed(service, compose.service(service.serviceName()), dockerfile));
        }
        return services;
    }

    private static DeployedService deployed(RxflowService service, ComposeFile.Service definition, Dockerfile dockerfile) {
        Map<String, String> buildArguments = definition.buildArguments();
        Map<String, String> environment = new LinkedHashMap<>(dockerfile.environment(buildArguments));
        String hostname = definition.hostname() == null ? definition.name() : definition.hostname();
        // Docker sets HOSTNAME to the container's host name
        environment.put("HOSTNAME", hostname);
        environment.putAll(definition.environment());

        URI readiness = URI.create(environment.getOrDefault("HEALTHCHECK_URL", "http://localhost:0/"));
        List<DeployedService.HttpCheck> checks = List.of(
                new DeployedService.HttpCheck("image HEALTHCHECK", readiness.getPort(), readiness.getPath()));

        Map<String, String> mounts = new LinkedHashMap<>();
        definition.volumes().stream().filter(v -> !v.readOnly())
                .forEach(v -> mounts.put(v.target(), v.named() ? "volume" : "bind"));
        // secrets are read-only files under /run/secrets: nothing is written there
        Yamls.listAt(definition.definition(), "tmpfs").forEach(t -> mounts.put(String.valueOf(t), "tmpfs"));

        return new DeployedService(NAME, service, environment, Integer.parseInt(buildArguments.getOrDefault("PORT", "0")),
                definition.targetPorts(), checks, mounts, hostname, Optional.of(definition.name()),
                scrapeTarget(service));
    }

    /** The Prometheus target labelled with the service, as host:port and metrics path. */
    private static Optional<DeployedService.ScrapeTarget> scrapeTarget(RxflowService service) {
        for (Object job : Yamls.listAt(prometheus(), "scrape_configs")) {
            Map<String, Object> scrapeConfig = Yamls.map(job, "scrape config");
            String path = Optional.ofNullable(Yamls.stringAt(scrapeConfig, "metrics_path")).orElse("/metrics");
            for (Object staticConfig : Yamls.listAt(scrapeConfig, "static_configs")) {
                Map<String, Object> targets = Yamls.map(staticConfig, "static config");
                if (service.serviceName().equals(Yamls.stringAt(targets, "labels", "service"))) {
                    String target = String.valueOf(Yamls.listAt(targets, "targets").get(0));
                    String[] hostPort = target.split(":");
                    return Optional.of(new DeployedService.ScrapeTarget(hostPort[0], Integer.parseInt(hostPort[1]), path));
                }
            }
        }
        return Optional.empty();
    }
}
