package com.rxflow.escalation.query;

import java.util.Locale;

import jakarta.validation.constraints.NotNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;

/**
 * How instances reach each other when one lists the cases another holds. Those answers carry
 * patients' names and questions, so outside the {@code local} profile plain HTTP is refused unless
 * an operator says, with {@code allow-plain-http}, that the network encrypts it (a service mesh's
 * mutual TLS, for example). Certificates are the deployment's job: with {@code https} each instance
 * serves TLS ({@code server.ssl.*}) and trusts its peers' certificates (the JVM's trust store).
 *
 * @param scheme         http or https
 * @param allowPlainHttp accept {@code http} outside the local profile (logged as a warning at start)
 */
@ConfigurationProperties("rxflow.escalation.peers")
@Validated
public record PeerProperties(@NotNull @DefaultValue("http") Scheme scheme,
        @DefaultValue("false") boolean allowPlainHttp) {

    private static final Logger log = LoggerFactory.getLogger(PeerProperties.class);

    public enum Scheme {
        HTTP, HTTPS;

        /** As it starts a URL. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The scheme peers are asked with, once checked against the active profiles.
     *
     * @throws IllegalStateException naming the settings, when plain HTTP is configured outside the
     *                               local profile without {@code allow-plain-http}
     */
    String checkedScheme(Environment environment) {
        if (scheme == Scheme.HTTP && !environment.matchesProfiles("local")) {
            if (!allowPlainHttp) {
                throw new IllegalStateException("rxflow.escalation.peers.scheme is http: instances would exchange "
                        + "patients' names and questions unencrypted. Serve TLS and set it to https, or, where the "
                        + "network already encrypts traffic between instances (a service mesh's mutual TLS), set "
                        + "rxflow.escalation.peers.allow-plain-http=true");
            }
            log.warn("Instances exchange cases over plain HTTP (rxflow.escalation.peers.allow-plain-http=true): "
                    + "the network between them must encrypt it");
        }
        return scheme.value();
    }
}
