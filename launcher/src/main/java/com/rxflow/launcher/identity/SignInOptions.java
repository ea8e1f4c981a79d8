package com.rxflow.launcher.identity;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;

import picocli.CommandLine.Option;

/**
 * The sign-in options {@code rxflow chat} and {@code rxflow token} share (a picocli mixin), and the
 * sign-in they describe.
 */
public final class SignInOptions {

    /** The local auth-server, as {@code rxflow up} runs it. */
    public static final String LOCAL_ISSUER = "http://localhost:9000";

    @Option(names = "--issuer", paramLabel = "URL", defaultValue = "${env:RXFLOW_ISSUER:-" + LOCAL_ISSUER + "}",
            description = "The OpenID Connect issuer to sign in at; defaults to $RXFLOW_ISSUER, else the local auth-server.")
    URI issuer;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "john",
            description = "Who signs in: john (patient_001), mary (patient_002), pharmacist or auditor locally. "
                    + "Ignored with --device, where the person signs in in the browser.")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "The user's password. Without it, a demo user's documented password (rxflow-local-<user>) "
                    + "is used when the issuer is on this machine (localhost, 127.0.0.1) and only then; "
                    + "otherwise it is asked for.")
    String password;

    @Option(names = "--device",
            description = "Sign in with the device flow: open the link shown in any browser and sign in there.")
    boolean device;

    /** Who signs in (with a password; with {@code --device}, whoever signs in in the browser). */
    public String user() {
        return user;
    }

    /** The issuer signed in at. */
    public URI issuer() {
        return issuer;
    }

    /**
     * Signs in as these options say; the access token. The device flow's instructions, and the
     * password prompt when there is one, go to {@code err}, so standard output carries only results.
     */
    public String accessToken(PrintWriter err) throws IOException, InterruptedException {
        SignIn signIn = new SignIn(issuer);
        if (device) {
            return signIn.withDevice(code -> {
                err.println("To sign in, open " + (code.verificationUriComplete() != null ? code.verificationUriComplete()
                        : code.verificationUri()) + " in a browser and confirm the code " + code.userCode() + ".");
                err.println("Waiting for the sign-in...");
                err.flush();
            });
        }
        return signIn.withPassword(user, password(err));
    }

    private String password(PrintWriter err) throws SignInException {
        if (password != null) {
            return password;
        }
        var demo = DemoAccounts.password(user, issuer);
        if (demo.isPresent()) {
            return demo.get();
        }
        Console console = System.console();
        if (console == null) {
            throw new SignInException("no password for " + user + " at " + issuer
                    + ": give --password, or use --device (no terminal to ask in)");
        }
        err.flush();
        char[] typed = console.readPassword("Password for %s at %s: ", user, issuer);
        if (typed == null) {
            throw new SignInException("no password given");
        }
        return new String(typed);
    }
}
