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
 * How the gateway is set up: which channel clients may call it, where the conversation processor
 * answers state queries, and how long the short caches keep what they know.
 *
 * @param clients               the channel clients allowed to call the API
 * @param processorUrl          base URL of the conversation processor's internal HTTP endpoint
 * @param bindingLookupPatience how long a message post keeps asking the processor about a conversation it
 *                              does not know yet (it may not have processed a conversation opened a moment ago)
 * @param replyCache            the replies kept for a wait that starts after the reply arrived
 * @param bindingCache          the conversation bindings (patient and client) kept to spare processor lookups
 * @param rateLimits            how many requests a channel key, and how many messages a patient, may send
 * @param stream                the server-sent event streams of replies
 * @param webChat               what the patient's web chat is told about this deployment
 */
@ConfigurationProperties("rxflow.gateway")
@Validated
public record GatewayProperties(
        @Valid @DefaultValue List<Client> clients,
        @NotNull @DefaultValue("http://localhost:8082") URI processorUrl,
        @NotNull @DefaultValue("2s") Duration bindingLookupPatience,
        @Valid @DefaultValue ReplyCache replyCache,
        @Valid @DefaultValue BindingCache bindingCache,
        @Valid @DefaultValue RateLimits rateLimits,
        @Valid @DefaultValue Stream stream,
        @Valid @DefaultValue WebChat webChat) {

    /**
     * A channel client: a web chat, an SMS bot, a patient app. Only the SHA-256 of its key is
     * configured, so a leaked configuration file leaks no key.
     *
     * @param id        stable identifier, recorded on every event the client causes
     * @param channel   the channel its conversations use unless a request names another
     * @param keySha256 SHA-256 of the client's API key, as 64 hexadecimal digits
     */
    public record Client(
            @NotBlank @Pattern(regexp = "^[A-Za-z0-9_.-]{1,64}$") String id,
            @NotBlank @Pattern(regexp = "^[A-Za-z0-9_-]{1,32}$") String channel,
            @NotBlank @Pattern(regexp = "^[0-9a-fA-F]{64}$", message = "must be a SHA-256 as 64 hexadecimal digits")
            String keySha256) {
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
     * @param timeout   how long a stream stays open before the server ends it (the client reconnects
     *                  with {@code Last-Event-ID} and misses nothing)
     * @param heartbeat how often an idle stream gets a comment, so proxies keep it open and a closed
     *                  client is noticed
     */
    public record Stream(
            @NotNull @DefaultValue("30m") Duration timeout,
            @NotNull @DefaultValue("15s") Duration heartbeat) {
    }

    /**
     * What the web chat's start-up configuration ({@code GET /chat/config}) hands the page in the
     * {@code local} profile, so nobody types a key; other profiles serve no such configuration.
     *
     * @param apiKey       the key the page uses (only ever a documented development key)
     * @param demoPatients the patients the page offers to chat as
     */
    public record WebChat(String apiKey, @Valid @DefaultValue List<DemoPatient> demoPatients) {
    }

    /** A demo patient the local web chat offers. */
    public record DemoPatient(@NotBlank @Pattern(regexp = "^[A-Za-z0-9_]{1,20}$") String id, @NotBlank String name) {
    }
}
