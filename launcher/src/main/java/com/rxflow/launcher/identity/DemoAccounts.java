package com.rxflow.launcher.identity;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

/**
 * The local auth-server's documented demo accounts, whose password the terminal may fill in by
 * itself, but only for an issuer on this machine: a password is never sent anywhere else unasked.
 */
final class DemoAccounts {

    private static final Map<String, String> PASSWORDS = Map.of(
            "john", "rxflow-local-john",
            "mary", "rxflow-local-mary",
            "pharmacist", "rxflow-local-pharmacist",
            "auditor", "rxflow-local-auditor");

    private DemoAccounts() {
    }

    /** The documented password of a demo user, when the issuer is on this machine (localhost, 127.x, ::1). */
    static Optional<String> password(String username, URI issuer) {
        return isLocal(issuer) ? Optional.ofNullable(PASSWORDS.get(username)) : Optional.empty();
    }

    static boolean isLocal(URI issuer) {
        String host = issuer.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // literal addresses only: a name is not looked up, so no DNS answer can make a host "local"
            return (Character.isDigit(host.charAt(0)) || host.startsWith("["))
                    && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
