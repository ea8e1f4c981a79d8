package com.rxflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml runs RxFlow the way production does: a three-node KRaft cluster that loses
 * no acknowledged write when one node goes, topics created before the services start, hardened
 * service containers, secrets from the env file, Prometheus and Grafana wired to the services.
 */
class ComposeFileTest {

    private static final List<String> NODES = List.of("kafka-1", "kafka-2", "kafka-3");
    /** A SCRAM login, {@code ScramLoginModule required username="..." password="...";}. */
    static final Pattern JAAS = Pattern.compile(
            "org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required username=\"([^\"]+)\" password=\"([^\"]+)\";");

    private final ComposeFile compose = ComposeDeployment.compose();

    @Test
    void kafkaIsAThreeNodeKraftClusterOfTheOfficialImage() {
        Set<String> clusterIds = new HashSet<>();
        Set<String> nodeIds = new HashSet<>();
        List<String> voters = new ArrayList<>();
        for (String node : NODES) {
            ComposeFile.Service service = compose.service(node);
            Map<String, String> env = service.environment();
            assertThat(service.image()).isEqualTo("apache/kafka:4.1.2");
            assertThat(env.get("KAFKA_PROCESS_ROLES")).as(node).isEqualTo("broker,controller");
            clusterIds.add(env.get("CLUSTER_ID"));
            nodeIds.add(env.get("KAFKA_NODE_ID"));
            voters.add(env.get("KAFKA_NODE_ID") + "@" + service.hostname() + ":" + listenerPort(env, "CONTROLLER"));
            assertThat(service.volumes()).as("%s keeps its log on a named volume", node)
                    .anySatisfy(v -> {
                        assertThat(v.named()).isTrue();
                        assertThat(v.target()).isEqualTo(env.get("KAFKA_LOG_DIRS"));
                    });
            assertThat(service.restart()).as(node).isEqualTo("unless-stopped");
        }
        assertThat(clusterIds).as("one fixed CLUSTER_ID").hasSize(1);
        assertThat(Base64.getUrlDecoder().decode(clusterIds.iterator().next())).as("a base64 UUID").hasSize(16);
        assertThat(nodeIds).as("distinct node ids").hasSize(3);
        for (String node : NODES) {
            assertThat(compose.service(node).environment().get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(","))
                    .as("%s: the controller quorum is the three nodes", node).containsExactlyInAnyOrderElementsOf(voters);
        }
    }

    @Test
    void kafkaKeepsEveryAcknowledgedWriteWhenOneNodeIsLost() {
        for (String node : NODES) {
            Map<String, String> env = compose.service(node).environment();
            assertThat(env).as(node)
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        }
    }

    @Test
    void servicesBootstrapFromEveryNodesClientListenerAndTheAdminContainersFromItsBrokerListener() {
        List<String> clients = advertised("CLIENT");
        for (String name : RxflowService.names()) {
            assertThat(compose.service(name).environment().get("SPRING_KAFKA_BOOTSTRAPSERVERS").split(","))
                    .as(name).containsExactlyInAnyOrderElementsOf(clients);
        }
        List<String> brokers = advertised("BROKER");
        assertThat(compose.service("kafka-topics").environment().get("BOOTSTRAP_SERVERS").split(","))
                .containsExactlyInAnyOrderElementsOf(brokers);
        assertThat(option(compose.service("kafka-access").command(), "--bootstrap-server").split(","))
                .containsExactlyInAnyOrderElementsOf(brokers);
    }

    @Test
    void everyKafkaListenerSpeaksTlsAndOnlyTheNodesCertificateGetsInWithoutAPassword() throws Exception {
        String certificates = Files.readString(Repository.compose().resolve("kafka/certificates.sh"));
        for (String node : NODES) {
            ComposeFile.Service service = compose.service(node);
            Map<String, String> env = service.environment();
            Map<String, String> protocols = Arrays.stream(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
                    .map(entry -> entry.split(":")).collect(Collectors.toMap(e -> e[0], e -> e[1]));
            for (String listener : Arrays.stream(env.get("KAFKA_LISTENERS").split(",")).map(l -> l.split("://")[0]).toList()) {
                String protocol = protocols.get(listener);
                assertThat(protocol).as("%s: listener %s", node, listener).isIn("SSL", "SASL_SSL");
                String prefix = "KAFKA_LISTENER_NAME_" + listener + "_";
                if (protocol.equals("SSL")) {
                    assertThat(env).as("%s: %s takes only a client certificate", node, listener)
                            .containsEntry(prefix + "SSL_CLIENT_AUTH", "required");
                } else {
                    assertThat(env).as("%s: %s takes SCRAM-SHA-512 only", node, listener)
                            .containsEntry(prefix + "SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                            .containsKey(prefix + "SCRAM___SHA___512_SASL_JAAS_CONFIG");
                }
            }
            assertThat(protocols.get(env.get("KAFKA_INTER_BROKER_LISTENER_NAME"))).as(node).isEqualTo("SSL");
            assertThat(protocols.get(env.get("KAFKA_CONTROLLER_LISTENER_NAMES"))).as(node).isEqualTo("SSL");
            assertThat(env).as(node)
                    .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
            String superUser = env.get("KAFKA_SUPER_USERS");
            assertThat(superUser).as("%s: one super user, the nodes' certificate", node).startsWith("User:CN=")
                    .doesNotContain(";");
            assertThat(certificates).as("kafka/certificates.sh makes that certificate")
                    .contains("-dname \"" + superUser.substring("User:".length()) + "\"")
                    .contains("dns:" + service.hostname());
            assertThat(service.dependsOn()).as(node)
                    .containsEntry("kafka-certificates", Map.of("condition", "service_completed_successfully"));
            String keyStore = env.get("KAFKA_SSL_KEYSTORE_LOCATION");
            assertThat(service.volumes()).as("%s: its key store is on the kafka-tls volume, read-only", node)
                    .anySatisfy(v -> {
                        assertThat(v.source()).isEqualTo("kafka-tls");
                        assertThat(keyStore).startsWith(v.target() + "/");
                        assertThat(v.readOnly()).isTrue();
                    });
        }
    }

    @Test
    void kafkaAccessGivesEachServiceTheUserAndPasswordItSignsInWith() {
        ComposeFile.Service access = compose.service("kafka-access");
        assertThat(access.command()).startsWith("kafka-access", "apply");
        assertThat(access.buildArguments()).containsEntry("SERVICE", "load");
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String name : RxflowService.names()) {
            Matcher jaas = JAAS.matcher(compose.service(name).environment()
                    .getOrDefault("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", ""));
            assertThat(jaas.matches()).as("%s: SCRAM login in SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", name).isTrue();
            assertThat(jaas.group(1)).as("%s: signs in as its own principal", name).isEqualTo(name);
            String variable = "RXFLOW_KAFKA_PASSWORD_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            assertThat(access.environment().get(variable)).as("%s: kafka-access gives its user the password it signs in with",
                    name).isEqualTo(jaas.group(2));
            assertThat(compose.requiredVariables()).as(name).contains(variable);
            passwords.put(name, jaas.group(2));
        }
        assertThat(Set.copyOf(passwords.values())).as("one secret per service: %s", passwords).hasSize(passwords.size());
        assertThat(access.volumes()).anySatisfy(v -> assertThat(option(access.command(), "--admin-config"))
                .startsWith(v.target() + "/"));
    }

    @Test
    void topicsUsersAndAclsAreSetOnAHealthyClusterBeforeAnyServiceStarts() {
        ComposeFile.Service creator = compose.service("kafka-topics");
        assertThat(creator.image()).isEqualTo("apache/kafka:4.1.2");
        for (String oneShot : List.of("kafka-topics", "kafka-access")) {
            for (String node : NODES) {
                assertThat(compose.service(oneShot).dependsOn()).as(oneShot)
                        .containsEntry(node, Map.of("condition", "service_healthy"));
                assertThat(Yamls.listAt(compose.service(node).definition(), "healthcheck", "test")).as(node).isNotEmpty();
            }
            assertThat(compose.service(oneShot).restart()).as(oneShot).isEqualTo("no");
        }
        assertThat(creator.volumes()).filteredOn(v -> !v.named())
                .allSatisfy(v -> assertThat(Repository.compose().resolve(v.source())).isRegularFile());
        for (String name : RxflowService.names()) {
            assertThat(compose.service(name).dependsOn()).as(name)
                    .containsEntry("kafka-topics", Map.of("condition", "service_completed_successfully"))
                    .containsEntry("kafka-access", Map.of("condition", "service_completed_successfully"));
        }
    }

    @Test
    void servicesAreBuiltFromTheirModulesAndRunHardened() {
        for (String name : RxflowService.names()) {
            ComposeFile.Service service = compose.service(name);
            Map<String, Object> definition = service.definition();
            // built from the repository root (the modules' exec jars) with deploy/Dockerfile
            assertThat(Repository.compose().resolve(Yamls.stringAt(definition, "build", "context")).normalize())
                    .as("%s: build context", name).isEqualTo(Repository.root());
            assertThat(Repository.root().resolve(Yamls.stringAt(definition, "build", "dockerfile")))
                    .as("%s: Dockerfile", name).isEqualTo(Repository.dockerfile());
            assertThat(service.buildArguments()).as(name).containsEntry("SERVICE", name).containsKey("PORT")
                    .containsKey("MANAGEMENT_PORT");
            assertThat(service.image()).as(name).isEqualTo("rxflow/" + name + ":local");
            assertThat(service.hostname()).as("%s: host name = service name (its instance id)", name).isEqualTo(name);
            assertThat(service.restart()).as(name).isEqualTo("unless-stopped");
            assertThat(definition.get("read_only")).as("%s: read-only root file system", name).isEqualTo(true);
            assertThat(Yamls.listAt(definition, "cap_drop")).as(name).containsExactly("ALL");
            assertThat(Yamls.listAt(definition, "security_opt")).as(name).contains("no-new-privileges:true");
            assertThat(definition.get("mem_limit")).as("%s: a memory limit (the heap follows it)", name).isNotNull();
        }
    }

    @Test
    void onlyThePublicServicesArePublishedBeyondThisHost() {
        Map<String, List<String>> published = new LinkedHashMap<>();
        compose.services().forEach((name, service) -> {
            List<String> ports = Yamls.listAt(service.definition(), "ports").stream().map(String::valueOf)
                    .filter(p -> !p.startsWith("127.0.0.1:")).toList();
            if (!ports.isEmpty()) {
                published.put(name, ports);
            }
        });
        assertThat(published).as("ports reachable from other hosts: the patients' API and the pharmacists' console")
                .containsOnlyKeys("gateway", "escalation-service");
    }

    @Test
    void everyNamedVolumeIsDeclaredAndEveryBindMountExists() {
        compose.services().forEach((name, service) -> {
            for (ComposeFile.Volume volume : service.volumes()) {
                if (volume.named()) {
                    assertThat(compose.namedVolumes()).as("%s: volume %s", name, volume.source()).contains(volume.source());
                } else {
                    assertThat(Files.exists(Repository.compose().resolve(volume.source())))
                            .as("%s mounts %s", name, volume.source()).isTrue();
                    assertThat(volume.readOnly()).as("%s mounts %s read-only", name, volume.source()).isTrue();
                }
            }
        });
    }

    @Test
    void secretsComeFromTheEnvFileAndComposeRefusesToStartWithoutThem() throws Exception {
        Set<String> documented = EnvFile.read(Repository.envExample()).keySet();
        assertThat(compose.requiredVariables()).as("variables compose requires = those .env.example documents")
                .containsExactlyInAnyOrderElementsOf(documented);
        assertThat(EnvFile.read(Repository.envExample()).values()).as(".env.example commits no secret")
                .allMatch(String::isEmpty);
        assertThat(Files.readAllLines(Repository.file(".gitignore"))).as(".env is never committed").contains(".env");

        assertThatThrownBy(() -> ComposeFile.read(Repository.composeFile(), Map.of()))
                .isInstanceOfSatisfying(ComposeFile.MissingVariablesException.class, e -> {
                    assertThat(e.errors()).containsOnlyKeys(documented);
                    e.errors().forEach((variable, message) ->
                            assertThat(message).as("message for %s", variable).contains(variable).contains(".env"));
                });
    }

    @Test
    void prometheusScrapesTheFourServices() {
        List<String> targets = new ArrayList<>();
        for (Object job : Yamls.listAt(ComposeDeployment.prometheus(), "scrape_configs")) {
            for (Object staticConfig : Yamls.listAt(Yamls.map(job, "job"), "static_configs")) {
                Map<String, Object> config = Yamls.map(staticConfig, "static config");
                if (Yamls.stringAt(config, "labels", "service") != null) {
                    targets.add(Yamls.stringAt(config, "labels", "service"));
                }
            }
        }
        assertThat(targets).containsExactlyInAnyOrderElementsOf(RxflowService.names());
        assertThat(mountTarget("prometheus", "./prometheus/prometheus.yml"))
                .isEqualTo("/etc/prometheus/prometheus.yml");
    }

    @Test
    void grafanaIsProvisionedWithPrometheusAndTheRxflowDashboard() throws Exception {
        Map<String, Object> datasource = Yamls.map(Yamls.listAt(Yamls.load(Repository.compose().resolve(
                "grafana/provisioning/datasources/prometheus.yml")), "datasources").get(0), "datasource");
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        String uid = String.valueOf(datasource.get("uid"));

        Map<String, Object> provider = Yamls.map(Yamls.listAt(Yamls.load(Repository.compose().resolve(
                "grafana/provisioning/dashboards/rxflow.yml")), "providers").get(0), "provider");
        assertThat(Yamls.stringAt(provider, "options", "path"))
                .isEqualTo(mountTarget("grafana", "./grafana/dashboards"));
        assertThat(mountTarget("grafana", "./grafana/provisioning")).isEqualTo("/etc/grafana/provisioning");

        JsonNode dashboard = new ObjectMapper().readTree(Repository.compose().resolve("grafana/dashboards/rxflow.json").toFile());
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(uid);
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.path("expr").asText()).isNotBlank());
        }
        assertThat(String.join("|", titles)).contains("Turn latency", "Records consumed", "consumer lag", "Heap used");
        assertThat(compose.service("grafana").environment()).containsKey("GF_SECURITY_ADMIN_PASSWORD");
    }

    /** The container path a host path is mounted at, in one compose service. */
    private String mountTarget(String service, String source) {
        return compose.service(service).volumes().stream().filter(v -> v.source().equals(source))
                .map(ComposeFile.Volume::target).findFirst()
                .orElseThrow(() -> new AssertionError(service + " does not mount " + source));
    }

    /** Every node's advertised address of one listener. */
    private List<String> advertised(String listener) {
        List<String> addresses = NODES.stream()
                .map(node -> listener(compose.service(node).environment().get("KAFKA_ADVERTISED_LISTENERS"), listener))
                .toList();
        assertThat(addresses).as("advertised %s listeners", listener).doesNotContainNull();
        return addresses;
    }

    /** The value after {@code name} on a command line. */
    private static String option(List<String> command, String name) {
        int at = command.indexOf(name);
        assertThat(at).as("%s in %s", name, command).isNotNegative().isLessThan(command.size() - 1);
        return command.get(at + 1);
    }

    /** The port of a listener in a KAFKA_LISTENERS value such as {@code INTERNAL://:9092,CONTROLLER://:9093}. */
    private static String listenerPort(Map<String, String> env, String listener) {
        String address = listener(env.get("KAFKA_LISTENERS"), listener);
        return address.substring(address.lastIndexOf(':') + 1);
    }

    /** host:port of a named listener in a listeners value. */
    private static String listener(String listeners, String name) {
        Map<String, String> byName = Arrays.stream(listeners.split(","))
                .map(l -> l.split("://", 2))
                .collect(Collectors.toMap(l -> l[0], l -> l[1]));
        return byName.get(name);
    }
}
