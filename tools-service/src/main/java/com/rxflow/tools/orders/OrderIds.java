package com.rxflow.tools.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Ids of orders and renewal requests, derived from the request id that asked for them (never
 * random, unlike the reference's "RX" + 6 random digits): running the same request again yields
 * the same id, which is what makes placing an order idempotent end to end. 48 bits of SHA-256
 * keep collisions negligible for millions of orders.
 */
public final class OrderIds {

    private OrderIds() {
    }

    public static String order(String requestId) {
        return "RX-" + digest("order:" + requestId);
    }

    public static String renewal(String requestId) {
        return "RN-" + digest("renewal:" + requestId);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
