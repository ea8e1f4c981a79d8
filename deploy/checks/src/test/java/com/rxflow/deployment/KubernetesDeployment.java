package com.rxflow.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * A Kubernetes overlay and each RxFlow service in it as a {@link DeployedService}: the container's
 * environment as the kubelet builds it (ConfigMaps and Secrets from {@code envFrom}, then
 * {@code env} with {@code $(VAR)} references and downward-API fields), its probes, mounts and the
 * Services that route to it. Secrets are read from their committed examples
 * ({@code deploy/k8s/secrets/<name>.env.example}).
 */
final class KubernetesDeployment {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private KubernetesDeployment() {
    }

    static Path secretExample(String secretName) {
        return Repository.kubernetes().resolve("secrets").resolve(secretName + ".env.example");
    }

    static List<DeployedService> services(Manifests manifests) {
        Dockerfile dockerfile = Dockerfile.read(Repository.dockerfile());
        List<DeployedService> services = new ArrayList<>();
        for (RxflowService service : RxflowService.values()) {
            services.add(deployed(manifests, service, dockerfile));
        }
        return services;
    }

    /** A plausible name of the workload's first pod: StatefulSets number theirs, Deployments hash them. */
    static String podName(Manifests.Workload workload) {
        return workload.kind().equals("StatefulSet") ? workload.name() + "-0" : workload.name() + "-6d5f8c7b9c-x7k2p";
    }

    private static DeployedService deployed(Manifests manifests, RxflowService service, Dockerfile dockerfile) {
        Manifests.Workload workload = manifests.workload(service.serviceName());
        Container container = workload.container();
        String pod = podName(workload);
        int port = workload.port("http");

        Map<String, String> environment = new LinkedHashMap<>(
                dockerfile.environment(Map.of("SERVICE", service.serviceName(), "PORT", String.valueOf(port),
                        "MANAGEMENT_PORT", String.valueOf(workload.port("management")))));
        environment.put("HOSTNAME", pod);
        environment.putAll(environment(manifests, container, pod));

        List<DeployedService.HttpCheck> checks = new ArrayList<>();
        addProbe(checks, "startupProbe", container.getStartupProbe(), workload);
        addProbe(checks, "livenessProbe", container.getLivenessProbe(), workload);
        addProbe(checks, "readinessProbe", container.getReadinessProbe(), workload);

        return new DeployedService("k8s " + manifests.name(), service, environment, port,
                routedPorts(manifests, workload), checks, mounts(workload), pod,
                stableAddress(manifests, workload, pod), scrape(workload));
    }

    static Map<String, String> environment(Manifests manifests, Container container, String pod) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                Optional<ConfigMap> configMap = manifests.find(ConfigMap.class, source.getConfigMapRef().getName());
                if (configMap.isEmpty() && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                    throw new AssertionError(container.getName() + " reads ConfigMap " + source.getConfigMapRef().getName()
                            + ", which " + manifests.name() + " does not have");
                }
                configMap.ifPresent(c -> environment.putAll(c.getData()));
            } else if (source.getSecretRef() != null) {
                Path example = secretExample(source.getSecretRef().getName());
                if (Files.isRegularFile(example)) {
                    environment.putAll(EnvFile.withStandIns(EnvFile.read(example), source.getSecretRef().getName()));
                } else if (!Boolean.TRUE.equals(source.getSecretRef().getOptional())) {
                    throw new AssertionError(container.getName() + " needs Secret " + source.getSecretRef().getName()
                            + " but there is no " + Repository.root().relativize(example) + " documenting its keys");
                }
            }
        }
        for (EnvVar variable : container.getEnv()) {
            environment.put(variable.getName(), value(manifests, variable, environment, pod));
        }
        return environment;
    }

    private static String value(Manifests manifests, EnvVar variable, Map<String, String> defined, String pod) {
        if (variable.getValueFrom() == null) {
            return expand(variable.getValue() == null ? "" : variable.getValue(), defined, variable.getName());
        }
        if (variable.getValueFrom().getFieldRef() != null) {
            String field = variable.getValueFrom().getFieldRef().getFieldPath();
            switch (field) {
                case "metadata.name":
                    return pod;
                case "metadata.namespace":
                    return manifests.namespace();
                case "status.podIP":
                    // a stand-in address: what matters is that the pod advertises an address of its own
                    return "10.0.0." + (Math.abs(pod.hashCode() % 250) + 1);
                default:
                    throw new UnsupportedOperationException("downward API field " + field + " is not simulated");
            }
        }
        if (variable.getValueFrom().getConfigMapKeyRef() != null) {
            var ref = variable.getValueFrom().getConfigMapKeyRef();
            return manifests.configMap(ref.getName()).getData().get(ref.getKey());
        }
        if (variable.getValueFrom().getSecretKeyRef() != null) {
            var ref = variable.getValueFrom().getSecretKeyRef();
            Path example = secretExample(ref.getName());
            if (!Files.isRegularFile(example)) {
                throw new AssertionError(variable.getName() + " reads Secret " + ref.getName() + " but there is no "
                        + Repository.root().relativize(example) + " documenting its keys");
            }
            String value = EnvFile.withStandIns(EnvFile.read(example), ref.getName()).get(ref.getKey());
            if (value == null) {
                throw new AssertionError(variable.getName() + " reads key " + ref.getKey() + " of Secret " + ref.getName()
                        + ", which " + Repository.root().relativize(example) + " does not list");
            }
            return value;
        }
        throw new UnsupportedOperationException("env source of " + variable.getName() + " is not simulated");
    }

    /** The kubelet's {@code $(VAR)} expansion: only variables defined before this one. */
    private static String expand(String value, Map<String, String> defined, String variable) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!defined.containsKey(name)) {
                throw new AssertionError(variable + " refers to $(" + name + "), which is not defined before it");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(defined.get(name)));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static void addProbe(List<DeployedService.HttpCheck> checks, String name, Probe probe,
            Manifests.Workload workload) {
        if (probe == null) {
            return;
        }
        HTTPGetAction get = probe.getHttpGet();
        if (get == null) {
            throw new AssertionError(workload.name() + " " + name + " should be an HTTP GET on Actuator");
        }
        checks.add(new DeployedService.HttpCheck(name, port(get.getPort(), workload), get.getPath()));
    }

    private static int port(IntOrString port, Manifests.Workload workload) {
        return port.getIntVal() != null ? port.getIntVal() : workload.port(port.getStrVal());
    }

    /** The container ports that the Services selecting this workload's pods send traffic to. */
    private static List<Integer> routedPorts(Manifests manifests, Manifests.Workload workload) {
        List<Integer> ports = new ArrayList<>();
        for (Service service : selecting(manifests, workload)) {
            for (ServicePort servicePort : service.getSpec().getPorts()) {
                IntOrString target = servicePort.getTargetPort() == null
                        ? new IntOrString(servicePort.getPort()) : servicePort.getTargetPort();
                ports.add(port(target, workload));
            }
        }
        return ports;
    }

    static List<Service> selecting(Manifests manifests, Manifests.Workload workload) {
        return manifests.all(Service.class).stream()
                .filter(s -> !s.getSpec().getSelector().isEmpty())
                .filter(s -> s.getSpec().getSelector().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(workload.podLabels().get(e.getKey()))))
                .toList();
    }

    private static Map<String, String> mounts(Manifests.Workload workload) {
        Map<String, String> kinds = new LinkedHashMap<>();
        for (Volume volume : workload.template().getSpec().getVolumes()) {
            kinds.put(volume.getName(), volume.getEmptyDir() != null ? "emptyDir"
                    : volume.getPersistentVolumeClaim() != null ? "pvc" : "other");
        }
        if (workload.resource() instanceof StatefulSet statefulSet) {
            statefulSet.getSpec().getVolumeClaimTemplates().forEach(t -> kinds.put(t.getMetadata().getName(), "pvc"));
        }
        Map<String, String> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : workload.container().getVolumeMounts()) {
            if (!Boolean.TRUE.equals(mount.getReadOnly())) {
                mounts.put(mount.getMountPath(), kinds.getOrDefault(mount.getName(), "undefined volume " + mount.getName()));
            }
        }
        return mounts;
    }

    /** A StatefulSet pod's DNS name under its governing headless Service; Deployments' pods have none. */
    private static Optional<String> stableAddress(Manifests manifests, Manifests.Workload workload, String pod) {
        if (!(workload.resource() instanceof StatefulSet statefulSet)) {
            return Optional.empty();
        }
        String governing = statefulSet.getSpec().getServiceName();
        return manifests.find(Service.class, governing)
                .filter(s -> "None".equals(s.getSpec().getClusterIP()))
                .filter(s -> selecting(manifests, workload).contains(s))
                .map(s -> pod + "." + governing + "." + manifests.namespace() + ".svc");
    }

    private static Optional<DeployedService.ScrapeTarget> scrape(Manifests.Workload workload) {
        Map<String, String> annotations = workload.template().getMetadata().getAnnotations();
        if (!"true".equals(annotations.get("prometheus.io/scrape"))) {
            return Optional.empty();
        }
        return Optional.of(new DeployedService.ScrapeTarget("pod",
                Integer.parseInt(annotations.getOrDefault("prometheus.io/port", "0")),
                annotations.getOrDefault("prometheus.io/path", "/metrics")));
    }
}
