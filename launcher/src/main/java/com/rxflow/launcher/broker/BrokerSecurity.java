package com.rxflow.launcher.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * What {@code rxflow up --secure} keeps in its data folder ({@code secure/}, readable by its owner
 * only): the TLS material of {@link LocalCertificates}, the stores' password, and one generated
 * SCRAM password per service. Made on the first secure start and reused afterwards, so a restart
 * keeps every service's identity.
 */
public final class BrokerSecurity {

    /** The SASL mechanism of the clients' listener. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    static final String STORE_PASSWORD_KEY = "stores";
    private static final String FILE = "credentials.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Map<String, String> passwords;
    private final String storePassword;
    private final LocalCertificates certificates;

    private BrokerSecurity(Path dir, Map<String, String> passwords, String storePassword) {
        this.dir = dir;
        this.passwords = Map.copyOf(passwords);
        this.storePassword = storePassword;
        this.certificates = new LocalCertificates(dir, storePassword);
    }

    /**
     * Reads the folder's credentials, generating whatever is missing (a password for each of
     * {@code services}, the stores' password, the certificates), and returns them.
     */
    public static BrokerSecurity prepare(Path dir, List<String> services) {
        Path folder = SecretFiles.ownerOnlyDirectory(Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize());
        Path file = folder.resolve(FILE);
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stored.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        boolean changed = false;
        for (String name : concat(STORE_PASSWORD_KEY, services)) {
            if (stored.getProperty(name) == null) {
                stored.setProperty(name, secret());
                changed = true;
            }
        }
        if (changed) {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                SecretFiles.ownerOnly(file);
                stored.store(out, "rxflow up --secure: the stores' password and each service's SCRAM password");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        services.forEach(service -> passwords.put(service, stored.getProperty(service)));
        BrokerSecurity security = new BrokerSecurity(folder, passwords, stored.getProperty(STORE_PASSWORD_KEY));
        security.certificates.createIfMissing();
        return security;
    }

    public Path dir() {
        return dir;
    }

    /** @return the services that have a principal, with their passwords */
    Map<String, String> passwords() {
        return passwords;
    }

    public Optional<String> password(String service) {
        return Optional.ofNullable(passwords.get(service));
    }

    /** The broker's TLS settings for every listener (the key store and, for client certificates, the trust store). */
    Map<String, String> brokerTls() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, certificates.keyStore().toString());
        settings.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, storePassword);
        settings.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, storePassword);
        settings.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, LocalCertificates.STORE_TYPE);
        settings.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificates.trustStore().toString());
        settings.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, storePassword);
        settings.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, LocalCertificates.STORE_TYPE);
        return settings;
    }

    /** A super user's client settings: TLS with the broker's own certificate, for the broker's internal listener. */
    Map<String, Object> superUserClient(String bootstrapServers) {
        Map<String, Object> settings = new LinkedHashMap<>(brokerTls());
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SSL.name);
        return settings;
    }

    /** A plain Kafka client's settings for {@code service}'s principal on the clients' listener. */
    public Map<String, Object> client(String service, String bootstrapServers) {
        String password = password(service)
                .orElseThrow(() -> new IllegalArgumentException("No Kafka principal for " + service));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_SSL.name);
        settings.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(service, password));
        settings.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificates.trustStore().toString());
        settings.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, storePassword);
        settings.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, LocalCertificates.STORE_TYPE);
        return settings;
    }

    /**
     * The same as Spring Boot properties, which reach every client a service builds (producers,
     * consumers, the admin client, Kafka Streams).
     */
    public Map<String, Object> springProperties(String service) {
        String password = password(service)
                .orElseThrow(() -> new IllegalArgumentException("No Kafka principal for " + service));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.security.protocol", SecurityProtocol.SASL_SSL.name);
        properties.put("spring.kafka.properties.sasl.mechanism", MECHANISM);
        properties.put("spring.kafka.properties.sasl.jaas.config", jaas(service, password));
        properties.put("spring.kafka.ssl.trust-store-location", certificates.trustStore().toUri().toString());
        properties.put("spring.kafka.ssl.trust-store-password", storePassword);
        properties.put("spring.kafka.ssl.trust-store-type", LocalCertificates.STORE_TYPE);
        return properties;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
