package com.rxflow.launcher.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.acl.AclBinding;

import com.rxflow.platform.kafka.access.AccessControlLists;
import com.rxflow.platform.kafka.access.KafkaClients;
import com.rxflow.schemas.topic.TopicCatalogue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow kafka-access}: the services' Kafka identities and rights on a deployment's cluster
 * (docker-compose's, or the pharmacy's under Kubernetes), the same ones {@code rxflow up --secure}
 * gives its embedded broker. {@code print} lists the ACLs generated from the topic catalogue;
 * {@code apply} upserts each service's SCRAM-SHA-512 user with the password from its environment
 * variable ({@link ServicePasswords}) and makes the ACLs of the services' principals exactly the
 * generated ones, as a super user described by a Kafka client properties file.
 */
@Command(name = "kafka-access", synopsisSubcommandLabel = "COMMAND",
        description = "The services' Kafka users and ACLs (generated from the topic catalogue) on a cluster.",
        subcommands = {KafkaAccessCommand.Print.class, KafkaAccessCommand.Apply.class})
public final class KafkaAccessCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: print or apply");
    }

    static List<AclBinding> generated() {
        return AccessControlLists.generate(TopicCatalogue.defaults(), KafkaClients.ALL);
    }

    /** {@code rxflow kafka-access print}: one line per ACL binding, for review or for another tool. */
    @Command(name = "print", description = "Print the ACLs generated from the topic catalogue, one binding a line.")
    static final class Print implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            for (AclBinding binding : generated()) {
                spec.commandLine().getOut().println(line(binding));
            }
            return 0;
        }

        /** {@code User:gateway ALLOW WRITE TOPIC LITERAL rxflow.patient-messages} */
        static String line(AclBinding binding) {
            return String.join(" ", binding.entry().principal(), binding.entry().permissionType().name(),
                    binding.entry().operation().name(), binding.pattern().resourceType().name(),
                    binding.pattern().patternType().name(), binding.pattern().name());
        }
    }

    /** {@code rxflow kafka-access apply}: users and ACLs onto a running cluster, idempotent. */
    @Command(name = "apply", showDefaultValues = true,
            description = {"Create or update each service's SCRAM-SHA-512 user and make the services' ACLs exactly the "
                    + "generated ones (other principals' ACLs are left alone).",
                    "Passwords come from the environment: RXFLOW_KAFKA_PASSWORD_GATEWAY, "
                            + "RXFLOW_KAFKA_PASSWORD_CONVERSATION_PROCESSOR, RXFLOW_KAFKA_PASSWORD_TOOLS_SERVICE, "
                            + "RXFLOW_KAFKA_PASSWORD_ESCALATION_SERVICE; each required, each different."})
    static final class Apply implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT[,...]",
                description = "The cluster, on a listener where the admin's credentials are accepted.")
        private String bootstrapServers;

        @Option(names = "--admin-config", required = true, paramLabel = "FILE",
                description = "Kafka client properties of a user allowed to alter users and ACLs (a super user), "
                        + "e.g. security.protocol=SSL with its key store.")
        private Path adminConfig;

        /** The process's environment; tests give their own. */
        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() {
            Map<String, String> passwords = ServicePasswords.from(environment);
            Map<String, Object> admin = new LinkedHashMap<>();
            readProperties(adminConfig).forEach((key, value) -> admin.put(String.valueOf(key), value));
            admin.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            List<AclBinding> acls = generated();
            BrokerAccess.Changes changes = BrokerAccess.apply(admin, passwords, acls);
            spec.commandLine().getOut().printf("Kafka access on %s: %d SCRAM-SHA-512 users (%s), %d ACLs "
                            + "(%d created, %d stale deleted)%n", bootstrapServers, passwords.size(),
                    String.join(", ", passwords.keySet()), acls.size(), changes.created(), changes.deleted());
            return 0;
        }

        private static Properties readProperties(Path file) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the admin's client settings " + file, e);
            }
            return properties;
        }
    }
}
