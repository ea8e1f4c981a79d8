package com.rxflow.launcher.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The secure broker's TLS material, made once with the JDK's own {@code keytool} (no extra
 * library): a local certificate authority, the broker's key and certificate signed by it (valid
 * for {@code 127.0.0.1} and {@code localhost}), and a trust store holding only the authority, which
 * every client gets. The broker's certificate doubles as the super user's client certificate on
 * the broker's internal listeners ({@link #BROKER_PRINCIPAL}).
 */
final class LocalCertificates {

    /** The Kafka principal of a client presenting the broker's certificate (TLS principals are the subject's DN). */
    static final String BROKER_PRINCIPAL = "User:CN=rxflow-broker";
    static final String STORE_TYPE = "PKCS12";
    private static final String PASSWORD_VARIABLE = "RXFLOW_STORE_PASSWORD";
    private static final int VALIDITY_DAYS = 825;

    private final Path dir;
    private final String storePassword;

    LocalCertificates(Path dir, String storePassword) {
        this.dir = dir;
        this.storePassword = storePassword;
    }

    Path keyStore() {
        return dir.resolve("broker.p12");
    }

    Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    Path authority() {
        return dir.resolve("ca.p12");
    }

    /** Makes the authority, the broker's certificate and the trust store unless all three exist. */
    void createIfMissing() {
        if (Files.exists(keyStore()) && Files.exists(trustStore()) && Files.exists(authority())) {
            return;
        }
        for (Path old : List.of(keyStore(), trustStore(), authority(), dir.resolve("ca.crt"),
                dir.resolve("broker.csr"), dir.resolve("broker.crt"))) {
            deleteIfExists(old);
        }
        Path caCert = dir.resolve("ca.crt");
        Path request = dir.resolve("broker.csr");
        Path brokerCert = dir.resolve("broker.crt");
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=RxFlow local CA", "-keyalg", "RSA", "-keysize", "2048",
                "-ext", "bc:c", "-validity", String.valueOf(VALIDITY_DAYS), "-keystore", authority().toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", authority().toString(), "-file", caCert.toString());
        keytool("-genkeypair", "-alias", "broker", "-dname", "CN=rxflow-broker", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", String.valueOf(VALIDITY_DAYS), "-keystore", keyStore().toString());
        keytool("-certreq", "-alias", "broker", "-keystore", keyStore().toString(), "-file", request.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", authority().toString(), "-infile", request.toString(),
                "-outfile", brokerCert.toString(), "-validity", String.valueOf(VALIDITY_DAYS),
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "ku:c=digitalSignature,keyEncipherment",
                "-ext", "eku=serverAuth,clientAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore", keyStore().toString());
        keytool("-importcert", "-alias", "broker", "-file", brokerCert.toString(), "-keystore", keyStore().toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore", trustStore().toString());
        deleteIfExists(request);
        deleteIfExists(brokerCert);
        for (Path made : List.of(keyStore(), trustStore(), authority(), caCert)) {
            SecretFiles.ownerOnly(made);
        }
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", STORE_TYPE, "-storepass:env", PASSWORD_VARIABLE));
        if (List.of(arguments).contains("-genkeypair")) {
            command.addAll(List.of("-keypass:env", PASSWORD_VARIABLE));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, storePassword);
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run keytool to make the broker's certificates in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the broker's certificates", e);
        }
    }

    private static void deleteIfExists(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
