package com.rxflow.gateway.auth;

/**
 * The channel client that made the current request, as authenticated by its API key.
 *
 * @param id      the client's identifier, recorded on the events it causes and bound to its conversations
 * @param channel the channel its conversations use unless a request names another
 */
public record ChannelClient(String id, String channel) {

    /** The request attribute that holds the authenticated client of an API request. */
    public static final String REQUEST_ATTRIBUTE = ChannelClient.class.getName();
}
