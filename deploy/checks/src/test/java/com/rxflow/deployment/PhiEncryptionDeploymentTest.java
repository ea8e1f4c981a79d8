package com.rxflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;

/**
 * PHI encryption in the deployments, opt-in: docker-compose.phi.yml on top of the compose file, and
 * the Kubernetes component phi-encryption (overlay prod-phi). Every service gets the same KEK, mounted
 * read-only from a secret that is never committed, and the same settings; without the opt-in no
 * service has either. deploy/phi/make-kek.sh makes a keystore the services open.
 */
class PhiEncryptionDeploymentTest {

    private static final String PREFIX = "RXFLOW_PHI_ENCRYPTION_";
    private static final String KEYSTORE = PREFIX + "KEKKEYSTORE";
    private static final String PASSWORD_FILE = PREFIX + "KEKPASSWORDFILE";

    @Test
    void composeGivesEveryServiceTheSameKekSecretsAndSettingsWithThePhiFileOnly() throws IOException {
        ComposeFile plain = ComposeDeployment.compose();
        for (String name : RxflowService.names()) {
            assertThat(plain.service(name).environment().keySet()).as("%s without the phi file", name)
                    .noneMatch(key -> key.startsWith("RXFLOW_PHI_"));
            assertThat(plain.service(name).secrets()).as(name).isEmpty();
        }

        ComposeFile phi = ComposeDeployment.composeWithPhi();
        assertThat(ComposeFile.read(Repository.composePhiFile(), ComposeDeployment.exampleVariables())
                .services().keySet()).as("the phi file touches the RxFlow services only")
                .containsExactlyInAnyOrderElementsOf(RxflowService.names());
        Map<String, Object> secrets = Yamls.mapAt(phi.root(), "secrets");
        Set<Map<String, String>> settings = new HashSet<>();
        Set<List<String>> mounted = new HashSet<>();
        for (String name : RxflowService.names()) {
            ComposeFile.Service service = phi.service(name);
            Map<String, String> phiSettings = new TreeMap<>();
            service.environment().forEach((key, value) -> {
                if (key.startsWith("RXFLOW_PHI_")) {
                    phiSettings.put(key, value);
                }
            });
            assertThat(phiSettings).as(name).containsEntry(PREFIX + "ENABLED", "true")
                    .doesNotContainKey(PREFIX + "KEKPASSWORD");
            assertThat(service.environment().keySet()).as("%s keeps its own settings", name)
                    .containsAll(plain.service(name).environment().keySet());
            assertThat(service.secrets()).as(name).hasSize(2);
            assertThat(List.of(phiSettings.get(KEYSTORE), phiSettings.get(PASSWORD_FILE)))
                    .as("%s: the keystore and the password are its secrets (/run/secrets/NAME)", name)
                    .containsExactlyInAnyOrderElementsOf(service.secrets().stream().map(s -> "/run/secrets/" + s).toList());
            settings.add(phiSettings);
            mounted.add(service.secrets());
        }
        assertThat(settings).as("one KEK and one set of settings for every service").hasSize(1);
        assertThat(mounted).hasSize(1);
        String ignored = Files.readString(Repository.root().resolve(".gitignore"));
        for (String secret : mounted.iterator().next()) {
            String file = Yamls.stringAt(Yamls.map(secrets.get(secret), "secret " + secret), "file");
            assertThat(file).as("secret %s: a file of the operator's, under phi/", secret).startsWith("./phi/");
        }
        assertThat(ignored.lines()).as("deploy/compose/phi/ is never committed").contains("deploy/compose/phi/");
    }

    @Test
    void kubernetesMountsOneKekSecretReadOnlyIntoEveryWorkloadWithTheSameSettings() {
        Manifests manifests = Manifests.of("prod-phi");
        ConfigMap config = manifests.configMap("rxflow-phi-encryption");
        assertThat(config.getData()).containsEntry(PREFIX + "ENABLED", "true").doesNotContainKey(PREFIX + "KEKPASSWORD");
        Set<Map<String, String>> settings = new HashSet<>();
        List<String> workloads = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            workloads.add(workload.name());
            Map<String, String> environment = KubernetesDeployment.environment(manifests, workload.container(),
                    KubernetesDeployment.podName(workload));
            Map<String, String> phiSettings = new TreeMap<>();
            environment.forEach((key, value) -> {
                if (key.startsWith("RXFLOW_PHI_")) {
                    phiSettings.put(key, value);
                }
            });
            assertThat(phiSettings).as(workload.name()).isEqualTo(config.getData());
            settings.add(phiSettings);
            Volume kek = workload.template().getSpec().getVolumes().stream()
                    .filter(v -> v.getSecret() != null && "rxflow-phi-kek".equals(v.getSecret().getSecretName()))
                    .findFirst().orElseThrow(() -> new AssertionError(workload.name() + " mounts no rxflow-phi-kek"));
            assertThat(kek.getSecret().getOptional()).as("%s: the KEK is required", workload.name()).isNotEqualTo(Boolean.TRUE);
            assertThat(kek.getSecret().getDefaultMode()).as("%s: readable by the owner and the pod's group only",
                    workload.name()).isEqualTo(0440);
            VolumeMount mount = workload.container().getVolumeMounts().stream()
                    .filter(m -> m.getName().equals(kek.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(workload.name() + " does not mount " + kek.getName()));
            assertThat(mount.getReadOnly()).as(workload.name()).isTrue();
            assertThat(phiSettings.get(KEYSTORE)).isEqualTo(mount.getMountPath() + "/kek.p12");
            assertThat(phiSettings.get(PASSWORD_FILE)).isEqualTo(mount.getMountPath() + "/kek-password");
        }
        assertThat(workloads).containsExactlyInAnyOrderElementsOf(RxflowService.names());
        assertThat(settings).hasSize(1);
        assertThat(KubernetesDeployment.secretExample("rxflow-phi-kek").resolveSibling("rxflow-phi-kek.files.example"))
                .as("the Secret's keys and how to make it").isRegularFile()
                .content().contains("kek.p12", "kek-password", "kubectl -n rxflow create secret generic rxflow-phi-kek");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "dev", "prod"})
    void withoutTheComponentNoWorkloadHasTheKekOrTheSettings(String kustomization) {
        Manifests manifests = Manifests.of(kustomization);
        for (Manifests.Workload workload : manifests.workloads()) {
            assertThat(workload.template().getSpec().getVolumes()).as(workload.name())
                    .noneMatch(v -> v.getSecret() != null && "rxflow-phi-kek".equals(v.getSecret().getSecretName()));
            assertThat(KubernetesDeployment.environment(manifests, workload.container(),
                    KubernetesDeployment.podName(workload)).keySet()).as(workload.name())
                    .noneMatch(key -> key.startsWith("RXFLOW_PHI_"));
        }
        assertThat(manifests.find(ConfigMap.class, "rxflow-phi-encryption")).isEmpty();
    }

    @Test
    void makeKekMakesAKeystoreTheServicesOpenRotatesItAndNeverReplacesIt(@TempDir Path temp) throws Exception {
        assumeTrue(Executables.find("keytool").isPresent(), "keytool is not installed; skipped");
        Path dir = temp.resolve("phi");
        assertThat(makeKek(dir).exitCode()).isZero();
        char[] password = Files.readAllLines(dir.resolve("kek-password"), StandardCharsets.UTF_8).get(0).toCharArray();
        assertThat(password).hasSize(48);
        KeystoreKeyEncryptionKey kek = KeystoreKeyEncryptionKey.open(dir.resolve("kek.p12"), password);
        assertThat(kek.ids()).containsExactly("kek-1");
        byte[] context = "pt-a/k-1".getBytes(StandardCharsets.UTF_8);
        byte[] wrapped = kek.wrap(new byte[32], context);
        for (String file : List.of("kek.p12", "kek-password")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file)))).as(file)
                    .isEqualTo("rw-------");
        }

        Result again = makeKek(dir);
        assertThat(again.exitCode()).as(again.output()).isNotZero();
        assertThat(again.output()).contains("refusing to replace it");
        assertThat(KeystoreKeyEncryptionKey.open(dir.resolve("kek.p12"), password).ids()).containsExactly("kek-1");

        assertThat(makeKek(dir, "--rotate").exitCode()).isZero();
        KeystoreKeyEncryptionKey rotated = KeystoreKeyEncryptionKey.open(dir.resolve("kek.p12"), password);
        assertThat(rotated.currentId()).isEqualTo("kek-2");
        assertThat(rotated.unwrap("kek-1", wrapped, context)).isEqualTo(new byte[32]);
    }

    private static Result makeKek(Path dir, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Repository.deploy().resolve("phi/make-kek.sh").toString()));
        command.addAll(List.of(options));
        command.add(dir.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("make-kek.sh did not finish within 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
