package com.rxflow.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import com.rxflow.launcher.broker.BrokerSecurity;
import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.launcher.phi.LocalPhiEncryption;
import com.rxflow.schemas.topic.TopicCatalogue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rxflow up}: the embedded default, a real Kafka broker on loopback plus the services, in
 * one process that runs until Ctrl-C. Data lives under one folder, so the next {@code up} carries on
 * where this one stopped.
 */
@Command(name = "up", showDefaultValues = true,
        description = "Start a local Kafka broker and the RxFlow services; Ctrl-C stops them.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = ".rxflow", paramLabel = "DIR",
            description = "Folder for the broker's log (kafka/) and the services' local state (state/).")
    private Path dataDir;

    @Option(names = "--broker-port", paramLabel = "PORT", defaultValue = "" + EmbeddedBroker.DEFAULT_PORT,
            description = "Kafka port on 127.0.0.1 (0 for any free port).")
    private int brokerPort;

    @Option(names = "--auth-port", paramLabel = "PORT", defaultValue = "" + RxflowServices.DEFAULT_AUTH_PORT,
            description = "HTTP port of the local sign-in (auth-server); its issuer is http://localhost:PORT.")
    private int authPort;

    @Option(names = "--gateway-port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP port of the gateway.")
    private int gatewayPort;

    @Option(names = "--escalation-port", paramLabel = "PORT", defaultValue = "8081",
            description = "HTTP port of the escalation service (the pharmacist console).")
    private int escalationPort;

    @Option(names = "--processor-port", paramLabel = "PORT", defaultValue = "8082",
            description = "HTTP port of the conversation processor.")
    private int processorPort;

    @Option(names = "--tools-port", paramLabel = "PORT", defaultValue = "8083",
            description = "HTTP port of the tools service.")
    private int toolsPort;

    @Option(names = "--secure", description = "Kafka over TLS with a SCRAM principal per service and the ACLs of the "
            + "topic catalogue; certificates and passwords are made on the first start, in DIR/secure (docs/security.md).")
    private boolean secure;

    @Option(names = "--encrypt-phi", description = "Seal patients' PHI fields with a key per patient on every topic "
            + "and store (rxflow forget-patient erases a patient); the key-encryption key is made on the first "
            + "start, in DIR/phi (docs/security.md).")
    private boolean encryptPhi;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedBroker broker = secure
                ? EmbeddedBroker.secure(dataDir.resolve("kafka"), brokerPort,
                        BrokerSecurity.prepare(dataDir.resolve("secure"), TopicCatalogue.SERVICES))
                : new EmbeddedBroker(dataDir.resolve("kafka"), brokerPort);
        LocalStack stack = new LocalStack(broker, dataDir.resolve("state"), services());
        if (encryptPhi) {
            stack.withProperties(LocalPhiEncryption.prepare(dataDir.resolve("phi")));
        }
        stack.start();
        System.out.printf("Web chat: http://localhost:%d/   Terminal chat: ./rxflow chat   API docs: http://localhost:%d"
                + "/swagger-ui.html (a patient's token, or X-Api-Key rxflow-local-dev with a channel assertion)%n", gatewayPort, gatewayPort);
        System.out.printf("Sign-in: http://localhost:%d (john / rxflow-local-john, mary / rxflow-local-mary; "
                + "docs/identity.md)   A token for curl: TOKEN=$(./rxflow token --user john)%n", authPort);
        stack.awaitClose();
        return 0;
    }

    /** The services {@code up} runs, in start order, on the ports chosen above. */
    List<ServiceDefinition> services() {
        return RxflowServices.all(gatewayPort, escalationPort, processorPort, toolsPort, authPort,
                UnaryOperator.identity());
    }
}
