package com.rxflow.gateway.conversation;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code wait} preference of RFC 7240 ({@code Prefer: wait=10}): how many seconds the
 * client is willing to wait for the answer. A preference the gateway does not understand is
 * ignored, as the RFC asks.
 */
final class WaitPreference {

    static final String PREFER = "Prefer";
    static final String PREFERENCE_APPLIED = "Preference-Applied";

    /** Longer waits are cut to this, so a request never outlives proxies' idle timeouts. */
    static final int MAX_SECONDS = 30;

    private static final Pattern WAIT = Pattern.compile("^\\s*wait\\s*=\\s*(\"?)(\\d{1,9})\\1\\s*(;.*)?$",
            Pattern.CASE_INSENSITIVE);

    private WaitPreference() {
    }

    /**
     * The seconds to wait, capped at {@link #MAX_SECONDS}; empty when the client asked for no wait
     * (or for zero seconds).
     *
     * @param headers the values of every {@code Prefer} header, each possibly a comma-separated list
     */
    static OptionalInt seconds(List<String> headers) {
        if (headers == null) {
            return OptionalInt.empty();
        }
        for (String header : headers) {
            for (String preference : header.split(",")) {
                Matcher wait = WAIT.matcher(preference);
                if (wait.matches()) {
                    int seconds = (int) Math.min(Long.parseLong(wait.group(2)), MAX_SECONDS);
                    return seconds > 0 ? OptionalInt.of(seconds) : OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }

    static String applied(int seconds) {
        return "wait=" + seconds;
    }
}
