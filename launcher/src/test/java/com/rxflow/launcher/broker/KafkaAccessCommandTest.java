package com.rxflow.launcher.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import com.rxflow.launcher.RxflowCli;
import com.rxflow.schemas.topic.TopicCatalogue;

import picocli.CommandLine;

/**
 * {@code rxflow kafka-access}, the deployments' way to the users and ACLs {@code rxflow up --secure}
 * gives its embedded broker: the printed ACLs are the catalogue's, the passwords are one per service,
 * and {@code apply} against a real secure broker changes the services' passwords and ACLs and
 * nothing else.
 */
class KafkaAccessCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printListsEveryBindingGeneratedFromTheCatalogueOneALine() {
        assertThat(run(Map.of(), "kafka-access", "print")).isEqualTo(CommandLine.ExitCode.OK);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(KafkaAccessCommand.generated().size()).doesNotHaveDuplicates()
                .contains("User:gateway ALLOW WRITE TOPIC LITERAL rxflow.patient-messages",
                        "User:tools-service ALLOW WRITE TOPIC LITERAL rxflow.tool-results")
                .doesNotContain("User:gateway ALLOW WRITE TOPIC LITERAL rxflow.tool-results",
                        "User:gateway ALLOW READ TOPIC LITERAL rxflow.patient-messages");
        assertThat(lines.stream().map(line -> line.split(" ")[0]).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("User:gateway", "User:conversation-processor", "User:tools-service",
                        "User:escalation-service");
    }

    @Test
    void applyRefusesMissingShortAndSharedPasswordsNamingTheirVariables() {
        Map<String, String> environment = Map.of(
                "RXFLOW_KAFKA_PASSWORD_GATEWAY", "a-long-enough-password-1",
                "RXFLOW_KAFKA_PASSWORD_CONVERSATION_PROCESSOR", "a-long-enough-password-1",
                "RXFLOW_KAFKA_PASSWORD_TOOLS_SERVICE", "short");
        assertThat(run(environment, "kafka-access", "apply", "--bootstrap-server", "127.0.0.1:9",
                "--admin-config", "does-not-matter.properties")).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains(
                "RXFLOW_KAFKA_PASSWORD_CONVERSATION_PROCESSOR is the same as RXFLOW_KAFKA_PASSWORD_GATEWAY",
                "RXFLOW_KAFKA_PASSWORD_TOOLS_SERVICE is shorter than 16 characters",
                "RXFLOW_KAFKA_PASSWORD_ESCALATION_SERVICE is not set").doesNotContain("\tat ");
    }

    @Test
    void applySetsTheServicesPasswordsAndAclsAndLeavesOtherPrincipalsAlone() throws Exception {
        Path data = Path.of("target", "kafka-access-test", UUID.randomUUID().toString());
        BrokerSecurity security = BrokerSecurity.prepare(data.resolve("secure"), TopicCatalogue.SERVICES);
        try (EmbeddedBroker broker = EmbeddedBroker.secure(data.resolve("kafka"), 0, security).start()) {
            Map<String, Object> superUser = security.superUserClient(broker.superUserBootstrapServers());
            AclBinding foreign = binding("User:analytics", "analytics-", AclOperation.READ);
            AclBinding stale = binding("User:gateway", "rxflow.retired-", AclOperation.WRITE);
            try (Admin admin = Admin.create(superUser)) {
                admin.createAcls(List.of(foreign, stale)).all().get();
            }
            Path adminConfig = data.resolve("admin.properties");
            Properties properties = new Properties();
            superUser.forEach((key, value) -> {
                if (!key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                    properties.setProperty(key, String.valueOf(value));
                }
            });
            try (Writer file = Files.newBufferedWriter(adminConfig, StandardCharsets.UTF_8)) {
                properties.store(file, null);
            }
            Map<String, String> environment = new HashMap<>();
            for (String service : TopicCatalogue.SERVICES) {
                environment.put(ServicePasswords.variable(service), "deployment-secret-of-" + service);
            }

            assertThat(run(environment, "kafka-access", "apply", "--bootstrap-server",
                    broker.superUserBootstrapServers(), "--admin-config", adminConfig.toString()))
                    .as(err.toString()).isEqualTo(CommandLine.ExitCode.OK);

            assertThat(out.toString()).contains("4 SCRAM-SHA-512 users", "1 stale deleted");
            try (Admin admin = Admin.create(superUser)) {
                Set<AclBinding> present = Set.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get());
                assertThat(present).contains(foreign).doesNotContain(stale)
                        .containsAll(KafkaAccessCommand.generated());
            }
            Map<String, Object> gateway = new HashMap<>(security.client("gateway", broker.bootstrapServers()));
            gateway.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"gateway\" password=\"deployment-secret-of-gateway\";");
            try (Admin asGateway = Admin.create(gateway)) {
                assertThat(asGateway.describeCluster().clusterId().get()).as("the gateway signs in with its new password")
                        .isNotBlank();
            }
        }
    }

    private static AclBinding binding(String principal, String prefix, AclOperation operation) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private int run(Map<String, String> environment, String... args) {
        CommandLine cli = RxflowCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        KafkaAccessCommand.Apply apply = cli.getSubcommands().get("kafka-access").getSubcommands().get("apply")
                .getCommand();
        apply.environment = environment;
        return cli.execute(args);
    }
}
