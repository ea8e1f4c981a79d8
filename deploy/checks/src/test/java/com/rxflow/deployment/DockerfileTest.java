package com.rxflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The services' image: built from each module's exec jar in Spring Boot's layers, run as a
 * non-root user, with a health check on readiness and the JVM flag every RxFlow JVM needs.
 */
class DockerfileTest {

    private static final Pattern LAYER_COPY = Pattern.compile("--from=layers /layers/extracted/([\\w-]+)/");

    private final Dockerfile dockerfile = Dockerfile.read(Repository.dockerfile());

    @Test
    void takesTheServiceAndItsPortsAsBuildArguments() {
        assertThat(dockerfile.buildArguments()).contains("SERVICE", "PORT", "MANAGEMENT_PORT");
        assertThat(dockerfile.all("COPY").get(0).arguments())
                .as("the jar the services' poms build (spring-boot-maven-plugin, classifier exec)")
                .isEqualTo("${SERVICE}/target/${SERVICE}-*-exec.jar application.jar");
    }

    @Test
    void runsAsANonRootUserWithAFixedId() {
        String user = dockerfile.user();
        assertThat(user).as("numeric, so Kubernetes can check runAsNonRoot").matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isNotZero();
    }

    @Test
    void healthCheckAsksTheReadinessUrl() {
        assertThat(dockerfile.healthCheckCommand()).contains("curl -fsS").contains("${HEALTHCHECK_URL}");
        assertThat(dockerfile.environment(Map.of("PORT", "8080", "MANAGEMENT_PORT", "9080")))
                .containsEntry("HEALTHCHECK_URL", "http://localhost:9080/actuator/health/readiness");
    }

    @Test
    void trustsRxflowsAvroPackagesAsEveryRxflowJvmDoes() throws IOException {
        String pom = Files.readString(Repository.file("pom.xml"));
        Matcher trusted = Pattern.compile("<avro.trusted>([^<]+)</avro.trusted>").matcher(pom);
        assertThat(trusted.find()).as("the root pom's avro.trusted property").isTrue();
        List<String> entrypoint = dockerfile.entrypoint();
        assertThat(entrypoint).startsWith("java").contains(trusted.group(1).strip()).endsWith("-jar", "application.jar");
    }

    @ParameterizedTest
    @EnumSource(RxflowService.class)
    void copiesTheLayersOfTheServicesJarInTheirOrder(RxflowService service) throws IOException {
        Path jar = execJar(service);
        List<String> copied = dockerfile.inImage("COPY").stream()
                .map(i -> LAYER_COPY.matcher(i.arguments()))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Start-Class"))
                    .as("the service's application class (the extracted jar's Main-Class)")
                    .isEqualTo(service.application().getName());
            String index;
            try (InputStream in = file.getInputStream(file.getEntry("BOOT-INF/layers.idx"))) {
                index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<String> layers = index.lines().filter(l -> l.startsWith("- \"")).map(l -> l.substring(3, l.indexOf("\":")))
                    .toList();
            assertThat(copied).as("layers copied by the Dockerfile = layers of %s", jar.getFileName())
                    .containsExactlyElementsOf(layers);
            assertThat(index).as("the jar mode that extracts the layers").contains("spring-boot-jarmode-tools");
        }
    }

    @Test
    void sendsOnlyTheExecJarsToTheDockerDaemon() throws IOException {
        List<String> rules = Files.readAllLines(Repository.file(".dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(rules).containsExactly("*", "!*/target/*-exec.jar");
    }

    /** The module's exec jar; the check is skipped where the module was not packaged in this build. */
    private static Path execJar(RxflowService service) throws IOException {
        Path target = Repository.root().resolve(service.serviceName()).resolve("target");
        assumeTrue(Files.isDirectory(target), service + " is not packaged in this build");
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(p -> p.getFileName().toString().matches(service.serviceName() + "-.*-exec\\.jar"))
                    .findFirst().orElse(null);
            assumeTrue(jar != null, service + "'s exec jar is not built in this build");
            return jar;
        }
    }
}
