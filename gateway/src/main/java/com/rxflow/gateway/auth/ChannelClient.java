package com.rxflow.gateway.auth;

/**
 * A channel client: the one that made a request (by its API key), or the web chat a signed-in
 * patient uses.
 *
 * @param id      the client's identifier, recorded on the events it causes and bound to its conversations
 * @param channel the channel its conversations use unless a request names another
 */
public record ChannelClient(String id, String channel) {
}
