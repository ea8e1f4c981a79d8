package com.rxflow.escalation.security;

/**
 * The secret instances of this service present to each other's internal endpoints.
 *
 * @param value the key, sent in the {@value PeerKeyFilter#HEADER} header
 */
public record PeerKey(String value) {

    public static final String HEADER = PeerKeyFilter.HEADER;

    @Override
    public String toString() {
        return "PeerKey[****]";
    }
}
