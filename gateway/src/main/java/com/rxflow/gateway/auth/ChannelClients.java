package com.rxflow.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.rxflow.gateway.GatewayProperties;

/**
 * The channel clients allowed to call the gateway, recognised by the SHA-256 of their API key.
 *
 * <p>The documented development keys are public, so they must never open a real deployment:
 * outside the {@code local} profile the gateway refuses to start when a client is configured with
 * one of them.
 */
@Component
public class ChannelClients {

    /** The key documented for local development (channel web); its hash is configured in {@code gateway-local.yml}. */
    public static final String DEVELOPMENT_KEY = "rxflow-local-dev";

    /** The second documented local key (channel sms), so that "another key gets 404" can be tried locally. */
    public static final String SMS_DEVELOPMENT_KEY = "rxflow-local-sms";

    /** Every key the documentation publishes; none of them is accepted outside the local profile. */
    public static final List<String> DOCUMENTED_KEYS = List.of(DEVELOPMENT_KEY, SMS_DEVELOPMENT_KEY);

    static final String LOCAL_PROFILE = "local";

    private static final Logger log = LoggerFactory.getLogger(ChannelClients.class);

    private final List<Registered> clients;

    public ChannelClients(GatewayProperties properties, Environment environment) {
        this.clients = register(properties.clients(), environment);
        if (clients.isEmpty()) {
            log.warn("No channel clients are configured (rxflow.gateway.clients); every API call will be refused");
        }
    }

    /** The client whose key this is, if any. */
    public Optional<ChannelClient> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey);
        ChannelClient match = null;
        // compare with every client, in constant time each, so the answer's timing tells nothing about the keys
        for (Registered client : clients) {
            if (MessageDigest.isEqual(presented, client.keyHash()) && match == null) {
                match = client.client();
            }
        }
        return Optional.ofNullable(match);
    }

    private static List<Registered> register(List<GatewayProperties.Client> configured, Environment environment) {
        boolean local = environment.matchesProfiles(LOCAL_PROFILE);
        Set<String> ids = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        List<Registered> registered = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            GatewayProperties.Client client = configured.get(i);
            String setting = "rxflow.gateway.clients[" + i + "]";
            byte[] hash = HexFormat.of().parseHex(client.keySha256());
            Optional<String> documented = DOCUMENTED_KEYS.stream()
                    .filter(key -> MessageDigest.isEqual(hash, sha256(key))).findFirst();
            if (!local && documented.isPresent()) {
                throw new IllegalStateException(setting + ".key-sha256 (client '" + client.id()
                        + "') is the hash of the documented development key '" + documented.get()
                        + "', which is accepted only with the '" + LOCAL_PROFILE + "' profile (active profiles: "
                        + List.of(environment.getActiveProfiles()) + "). Configure the SHA-256 of a secret key.");
            }
            if (!ids.add(client.id())) {
                throw new IllegalStateException(setting + ".id: client id '" + client.id() + "' is configured twice");
            }
            if (!hashes.add(client.keySha256().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException(setting + ".key-sha256: client '" + client.id()
                        + "' shares its key with another client; every client needs a key of its own");
            }
            registered.add(new Registered(new ChannelClient(client.id(), client.channel()), hash));
        }
        return List.copyOf(registered);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private record Registered(ChannelClient client, byte[] keyHash) {
    }
}
