package com.rxflow.launcher.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;

import com.rxflow.platform.kafka.access.AccessControlLists;
import com.rxflow.platform.kafka.access.KafkaClients;
import com.rxflow.schemas.topic.TopicCatalogue;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka broker (combined KRaft broker and controller) running inside this JVM,
 * so that {@code rxflow up} needs neither Docker nor a Kafka download. It keeps its log in a folder
 * of the caller's choosing and formats that folder only the first time, so stopping and starting
 * again on the same folder keeps every topic, record and committed offset: the event log outlives
 * the process, as it would on a real cluster.
 *
 * <p>Everything is bound to the loopback interface: this broker is for one developer's machine.
 *
 * <p>{@link #secure(Path, int, BrokerSecurity) Secure}, the clients' listener takes only SASL_SSL
 * (SCRAM-SHA-512, one principal per service) and the broker authorizes every request with Kafka's
 * {@code StandardAuthorizer} and the ACLs generated from the topic catalogue
 * ({@link AccessControlLists}); nothing without an ACL is allowed. The broker's own traffic (to its
 * controller, its transaction markers to itself) runs on two more loopback listeners that take only
 * TLS clients presenting the broker's certificate, its super user.
 */
public final class EmbeddedBroker implements KafkaBroker {

    /** The port Kafka clients (and Spring Boot's {@code spring.kafka.bootstrap-servers}) expect by default. */
    public static final int DEFAULT_PORT = 9092;

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    /** Secure: the services' listener (SASL_SSL), and the broker's own (TLS with the broker's certificate). */
    private static final String CLIENT_LISTENER = "CLIENT";
    private static final String INTERNAL_LISTENER = "BROKER";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Same as RxFlow's topic default, so anything created without an explicit count still co-partitions. */
    private static final int PARTITIONS = 3;
    /** The offsets and transaction logs default to 50 partitions each, sized for clusters, not a laptop. */
    private static final int INTERNAL_TOPIC_PARTITIONS = 5;
    /** A broker that cannot start should fail the launcher, not hang it. */
    private static final Duration MAX_STARTUP = Duration.ofMinutes(1);
    /**
     * Kafka locks the folder only when its broker half starts, after the controller half has already
     * written to the metadata log: a second broker on the same folder would corrupt the first one's
     * log before noticing. This lock is taken before Kafka sees the folder. Kafka ignores plain files there.
     */
    private static final String LOCK_FILE = "rxflow-broker.lock";

    private final Path dataDir;
    private final int requestedPort;
    private final BrokerSecurity security;
    private KafkaRaftServer server;
    private FileLock lock;
    private int port;
    private int internalPort;

    /**
     * @param dataDir where the broker keeps its log and metadata; created and formatted when missing
     * @param port    the client port on {@value #HOST}, or 0 for any free port
     */
    public EmbeddedBroker(Path dataDir, int port) {
        this(dataDir, port, null);
    }

    /**
     * A broker that takes only authenticated, encrypted clients and enforces the catalogue's ACLs.
     *
     * @param security the certificates and the services' credentials, from {@link BrokerSecurity#prepare}
     */
    public static EmbeddedBroker secure(Path dataDir, int port, BrokerSecurity security) {
        return new EmbeddedBroker(dataDir, port, Objects.requireNonNull(security, "security"));
    }

    private EmbeddedBroker(Path dataDir, int port, BrokerSecurity security) {
        this.security = security;
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
        this.requestedPort = port;
    }

    /**
     * Formats the data folder if it has never been formatted, then starts the broker and returns
     * once it is registered and unfenced, that is once clients can use it.
     *
     * @return this broker, started
     * @throws IllegalStateException when already running, or when another broker uses the data folder
     */
    public synchronized EmbeddedBroker start() {
        if (server != null) {
            throw new IllegalStateException("Broker already started on " + bootstrapServers());
        }
        // Kafka finds a busy port only after its controller has started, and reports it in stack traces.
        int clientPort = bindable(requestedPort);
        // A fresh controller port on every start is fine: with a static voter set the controller's
        // address lives in the configuration, never in the metadata log.
        int controllerPort = bindable(0);
        int internalPort = security == null ? 0 : bindable(0);
        KafkaConfig config = new KafkaConfig(security == null ? settings(clientPort, controllerPort)
                : secureSettings(clientPort, internalPort, controllerPort), false);
        lock = lockDataDir();
        KafkaRaftServer candidate = null;
        try {
            formatIfNeeded();
            candidate = new KafkaRaftServer(config, Time.SYSTEM);
            candidate.startup();
            if (security != null) {
                BrokerAccess.apply(security.superUserClient(HOST + ":" + internalPort), security.passwords(),
                        AccessControlLists.generate(TopicCatalogue.defaults(), KafkaClients.ALL));
            }
        } catch (RuntimeException e) {
            // Release the sockets and the folder, so the caller may try again.
            if (candidate != null) {
                stop(candidate);
            }
            unlockDataDir();
            throw e;
        }
        server = candidate;
        port = clientPort;
        this.internalPort = internalPort;
        return this;
    }

    /** @return {@code host:port} for the clients' {@code bootstrap.servers} */
    public synchronized String bootstrapServers() {
        return HOST + ":" + port();
    }

    /** Secure: the broker's own listener, where its certificate is the super user ({@code rxflow kafka-access}'s tests). */
    synchronized String superUserBootstrapServers() {
        if (security == null) {
            throw new IllegalStateException("Only a secure broker has a super user's listener");
        }
        return HOST + ":" + internalPort;
    }

    /** @return the client port the broker listens on */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("Broker not running");
        }
        return port;
    }

    /** @return the folder holding the broker's log and metadata */
    @Override
    public String description() {
        return "data in " + dataDir + (security == null ? ""
                : "; SASL_SSL (" + BrokerSecurity.MECHANISM + "), ACLs from the topic catalogue, keys in " + security.dir());
    }

    /** Secure: the settings that give {@code service} its own principal and the trust store; otherwise none. */
    @Override
    public Map<String, Object> clientProperties(String service) {
        if (security == null || security.password(service).isEmpty()) {
            return Map.of();
        }
        Map<String, Object> properties = new LinkedHashMap<>(security.springProperties(service));
        // its principal may create only the topics it uses (AccessControlLists)
        properties.put("rxflow.kafka.topics.create", "used");
        return properties;
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Shuts the broker down cleanly (so the next start needs no log recovery) and waits until it has stopped. */
    @Override
    public synchronized void close() {
        if (server != null) {
            stop(server);
            server = null;
            unlockDataDir();
        }
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /** The broker's {@code server.properties}, as strings, the one form every setting's parser accepts. */
    private Map<String, String> settings(int clientPort, int controllerPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", String.valueOf(NODE_ID));
        settings.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        settings.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        settings.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + clientPort);
        settings.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        settings.put("controller.listener.names", CONTROLLER_LISTENER);
        settings.put("inter.broker.listener.name", BROKER_LISTENER);
        settings.put("log.dirs", dataDir.toString());
        settings.put("server.max.startup.time.ms", String.valueOf(MAX_STARTUP.toMillis()));

        // One node: every internal topic must fit on it, and nothing waits for peers that never come.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("num.partitions", String.valueOf(PARTITIONS));
        // Consumers of a fresh group get their partitions at once instead of after 3 s.
        settings.put("group.initial.rebalance.delay.ms", "0");
        // A typo in a topic name must fail loudly, not create a topic nobody reads; services create theirs.
        settings.put("auto.create.topics.enable", "false");
        // The compaction buffer defaults to 128 MiB of heap, too much next to four services in one JVM.
        settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return settings;
    }

    /**
     * As {@link #settings}, with three listeners: the clients' (SASL_SSL, SCRAM-SHA-512), the broker's
     * own for its traffic to itself, and the controller's, both TLS with a client certificate required,
     * so only the broker's certificate (the super user) gets in.
     */
    private Map<String, String> secureSettings(int clientPort, int internalPort, int controllerPort) {
        Map<String, String> settings = settings(clientPort, controllerPort);
        settings.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
                + INTERNAL_LISTENER + "://" + HOST + ":" + internalPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        settings.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
                + INTERNAL_LISTENER + "://" + HOST + ":" + internalPort);
        settings.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":SASL_SSL," + INTERNAL_LISTENER + ":SSL," + CONTROLLER_LISTENER + ":SSL");
        settings.put("inter.broker.listener.name", INTERNAL_LISTENER);
        settings.putAll(security.brokerTls());
        String client = "listener.name." + CLIENT_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
        settings.put(client + "sasl.enabled.mechanisms", BrokerSecurity.MECHANISM);
        settings.put(client + BrokerSecurity.MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        settings.put(client + "ssl.client.auth", "none");
        settings.put("listener.name." + INTERNAL_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".ssl.client.auth", "required");
        settings.put("listener.name." + CONTROLLER_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".ssl.client.auth", "required");
        settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        settings.put("allow.everyone.if.no.acl.found", "false");
        settings.put("super.users", LocalCertificates.BROKER_PRINCIPAL);
        return settings;
    }

    private FileLock lockDataDir() {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired = channel.tryLock();
            if (acquired != null) {
                return acquired;
            }
        } catch (OverlappingFileLockException e) {
            // held by another broker in this JVM: same answer as for another process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock the Kafka data folder " + dataDir, e);
        }
        closeQuietly(channel);
        throw new IllegalStateException("Another broker is using the Kafka data folder " + dataDir);
    }

    private void unlockDataDir() {
        if (lock != null) {
            closeQuietly(lock.channel());
            lock = null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the lock goes with the channel; nothing left to release
            }
        }
    }

    private void formatIfNeeded() {
        if (Files.exists(dataDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dataDir.toString())
                    .addDirectory(dataDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka data folder " + dataDir, e);
        }
    }

    /** @return {@code port} if it is free on {@value #HOST}, or any free port when {@code port} is 0 */
    private static int bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (BindException e) {
            throw new IllegalStateException("Port " + port + " on " + HOST + " is already in use", e);
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }
}
