package com.rxflow.launcher.channel;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow channel-assertion}: prints a patient assertion, the {@code X-Patient-Assertion} a
 * server-side channel sends when it opens a conversation, so the API can be tried with curl.
 */
@Command(name = "channel-assertion", showDefaultValues = true,
        description = "Print a patient assertion (X-Patient-Assertion) for opening a conversation with a channel key.")
public final class ChannelAssertionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--client", defaultValue = "local-dev", paramLabel = "ID",
            description = "The channel client's id (local: local-dev or local-sms).")
    private String clientId;

    @Option(names = "--patient", required = true, paramLabel = "ID", description = "The patient it names.")
    private String patientId;

    @Option(names = "--key", paramLabel = "FILE",
            description = "The channel's private key, PKCS#8 PEM (default: the documented development key).")
    private Path key;

    @Override
    public Integer call() throws Exception {
        ChannelAssertions assertions = key == null ? ChannelAssertions.development(clientId)
                : ChannelAssertions.fromPemFile(clientId, key);
        spec.commandLine().getOut().println(assertions.mint(patientId));
        return 0;
    }
}
