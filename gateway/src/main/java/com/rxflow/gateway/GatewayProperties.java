package com.rxflow.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway is set up: who signs patients in, which channel clients may call it, where the
 * conversation processor answers state queries, and how long the short caches keep what they know.
 *
 * @param identity              the identity provider whose access tokens sign patients in
 * @param clients               the channel clients allowed to call the API
 * @param processorUrl          base URL of the conversation processor's internal HTTP endpoint
 * @param bindingLookupPatience how long a message post keeps asking the processor about a conversation it
 *                              does not know yet (it may not have processed a conversation opened a moment ago)
 * @param replyCache            the replies kept for a wait that starts after the reply arrived
 * @param bindingCache          the conversation bindings (patient and client) kept to spare processor lookups
 * @param rateLimits            how many requests a channel key, and how many messages a patient, may send
 * @param stream                the server-sent event streams of replies
 */
@ConfigurationProperties("rxflow.gateway")
@Validated
public record GatewayProperties(
        @Valid @DefaultValue Identity identity,
        @Valid @DefaultValue List<Client> clients,
        @NotNull @DefaultValue("http://localhost:8082") URI processorUrl,
        @NotNull @DefaultValue("2s") Duration bindingLookupPatience,
        @Valid @DefaultValue ReplyCache replyCache,
        @Valid @DefaultValue BindingCache bindingCache,
        @Valid @DefaultValue RateLimits rateLimits,
        @Valid @DefaultValue Stream stream) {

    /**
     * The OpenID Connect provider that signs patients in (locally the {@code auth-server} module; in
     * production the pharmacy's identity provider). Its keys are fetched on the first token, so the
     * gateway starts while the provider is down.
     *
     * @param issuerUri    the provider's issuer; access tokens must name it in {@code iss}
     * @param jwkSetUri    where its signing keys are published; the issuer's {@code /oauth2/jwks} when absent
     * @param audience     what access tokens (and channels' patient assertions) must name in {@code aud}
     * @param patientClaim the access-token claim that names the patient
     * @param webClientId  the web chat's OAuth client id, handed to the page by {@code GET /chat/config}
     */
    public record Identity(
            @NotNull @DefaultValue("http://localhost:9000") URI issuerUri,
            URI jwkSetUri,
            @NotBlank @DefaultValue("rxflow-gateway") String audience,
            @NotBlank @DefaultValue("patient_id") String patientClaim,
            @NotBlank @DefaultValue("rxflow-web-chat") String webClientId) {

        /** The configured key set, or the issuer's {@code /oauth2/jwks}. */
        public URI effectiveJwkSetUri() {
            return jwkSetUri != null ? jwkSetUri
                    : URI.create(issuerUri.toString().replaceAll("/+$", "") + "/oauth2/jwks");
        }
    }

    /**
     * A channel client: a web chat, an SMS bot, a patient app. Only the SHA-256 of its key is
     * configured, so a leaked configuration file leaks no key.
     *
     * <p>A client opens a conversation with a short-lived assertion naming the patient, signed with
     * its own private key; the gateway checks it with {@code assertionKey}. {@code patients} and
     * {@code patientPattern} restrict which patients it may name (either admits; neither set: any).
     *
     * @param id             stable identifier, recorded on every event the client causes
     * @param channel        the channel its conversations use unless a request names another
     * @param keySha256      SHA-256 of the client's API key, as 64 hexadecimal digits
     * @param assertionKey   the public key (PEM, RSA or EC) its patient assertions are signed with;
     *                       without one the client cannot open conversations
     * @param patients       the patients it may open conversations for
     * @param patientPattern a regular expression the patient ids it may name must match in full
     */
    public record Client(
            @NotBlank @Pattern(regexp = "^[A-Za-z0-9_.-]{1,64}$") String id,
            @NotBlank @Pattern(regexp = "^[A-Za-z0-9_-]{1,32}$") String channel,
            @NotBlank @Pattern(regexp = "^[0-9a-fA-F]{64}$", message = "must be a SHA-256 as 64 hexadecimal digits")
            String keySha256,
            String assertionKey,
            @DefaultValue List<String> patients,
            String patientPattern) {
    }

    /**
     * @param ttl         how long after its last reply a message's replies are kept
     * @param maximumSize how many messages' replies are kept at most
     */
    public record ReplyCache(
            @NotNull @DefaultValue("5m") Duration ttl,
            @Min(1) @DefaultValue("10000") long maximumSize) {
    }

    /**
     * @param ttl         how long an unused binding is kept
     * @param maximumSize how many bindings are kept at most
     */
    public record BindingCache(
            @NotNull @DefaultValue("1h") Duration ttl,
            @Min(1) @DefaultValue("100000") long maximumSize) {
    }

    /**
     * @param messagesPerPatient messages one patient may post through one channel key per period
     *                           (the reference's 60 a minute)
     * @param requestsPerClient  API requests one channel key may make per period, all patients together
     * @param period             the period both limits refill over
     */
    public record RateLimits(
            @Min(1) @DefaultValue("60") int messagesPerPatient,
            @Min(1) @DefaultValue("1200") int requestsPerClient,
            @NotNull @DefaultValue("1m") Duration period) {
    }

    /**
     * @param timeout            how long a stream stays open before the server ends it (the client reconnects
     *                           with {@code Last-Event-ID} and misses nothing)
     * @param heartbeat          how often an idle stream gets a comment, so proxies keep it open and a closed
     *                           client is noticed
     * @param maxPerConversation streams one conversation may have open on this instance at once
     * @param maxPerKey          streams one channel key (or one signed-in patient) may have open on this instance
     * @param queueCapacity      events a stream holds for a client that has not read them yet; a client that
     *                           falls further behind is dropped and resumes with {@code Last-Event-ID}
     * @param writers            threads that write events to the streams (never the reply listener's thread)
     */
    public record Stream(
            @NotNull @DefaultValue("30m") Duration timeout,
            @NotNull @DefaultValue("15s") Duration heartbeat,
            @Min(1) @DefaultValue("4") int maxPerConversation,
            @Min(1) @DefaultValue("200") int maxPerKey,
            @Min(1) @DefaultValue("64") int queueCapacity,
            @Min(1) @DefaultValue("16") int writers) {
    }
}
