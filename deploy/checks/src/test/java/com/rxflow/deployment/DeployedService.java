package com.rxflow.deployment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One RxFlow service as a deployment runs it (docker-compose, or a Kubernetes overlay), reduced to
 * what must agree with the service's own configuration.
 *
 * @param deployment     which deployment, for messages
 * @param service        the service
 * @param environment    the container's environment variables (image, then deployment)
 * @param containerPort  the port the deployment sends HTTP to
 * @param routedPorts    container ports that Services, published ports or targets route to
 * @param checks         the HTTP health checks the platform runs (probes, the image's health check)
 * @param mounts         writable mounts by path, with their kind (volume, tmpfs, pvc, emptyDir)
 * @param instanceName   the stable name of this instance: the container's host name or the pod's name
 * @param stableAddress  the host name other containers reach this very instance by, where it has one
 * @param scrape         where Prometheus scrapes it
 */
record DeployedService(String deployment, RxflowService service, Map<String, String> environment, int containerPort,
        List<Integer> routedPorts, List<HttpCheck> checks, Map<String, String> mounts, String instanceName,
        Optional<String> stableAddress, Optional<ScrapeTarget> scrape) {

    /** An HTTP GET the platform sends to the container. */
    record HttpCheck(String name, int port, String path) {
    }

    /** Where Prometheus scrapes: a host (or "pod" where it discovers pods), a port and a path. */
    record ScrapeTarget(String host, int port, String path) {
    }

    ServiceEnvironment configuration() {
        return ServiceEnvironment.of(service, environment);
    }

    @Override
    public String toString() {
        return deployment + ": " + service;
    }
}
