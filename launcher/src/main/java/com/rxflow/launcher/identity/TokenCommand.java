package com.rxflow.launcher.identity;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow token}: signs in and prints the access token alone, for scripts and curl:
 * {@code TOKEN=$(./rxflow token --user john)}.
 */
@Command(name = "token", showDefaultValues = true,
        description = {"Sign in and print an access token for the gateway's API (TOKEN=$(./rxflow token --user john)).",
                "Locally, the demo users' documented passwords (rxflow-local-<user>) are filled in; they are never "
                        + "sent to an issuer that is not on this machine."})
public final class TokenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SignInOptions signIn;

    @Override
    public Integer call() throws Exception {
        String token = signIn.accessToken(spec.commandLine().getErr());
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
