package com.rxflow.escalation.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed sign-ins per username and per client address and locks either out once it failed
 * too often within the window: a locked username is refused for the lockout period even with the
 * right password, so guessing gains nothing. In this instance's memory only (documented in
 * docs/security.md); entries without recent failures are dropped as the maps grow.
 *
 * <p>Every failure and every lockout is logged with the username and the client address (staff
 * logins are not patient data), for the audit trail and for alerting on guessing.
 */
final class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    /** Beyond this many tracked names or addresses, the ones without recent failures are forgotten. */
    private static final int PRUNE_ABOVE = 10_000;

    private final AccessProperties.SignIn settings;
    private final Clock clock;
    private final Map<String, Failures> usernames = new ConcurrentHashMap<>();
    private final Map<String, Failures> clients = new ConcurrentHashMap<>();

    SignInThrottle(AccessProperties.SignIn settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether a sign-in as this username, or from this client, is refused right now. */
    boolean isLocked(String username, String client) {
        Instant now = clock.instant();
        return locked(usernames.get(username), now) || locked(clients.get(client), now);
    }

    /** Records a failed sign-in; the failure that reaches a limit locks the username or the client. */
    void failed(String username, String client) {
        Instant now = clock.instant();
        int byName = record(usernames, username, settings.maxFailures(), now);
        int byClient = record(clients, client, settings.maxFailuresPerClient(), now);
        log.info("Sign-in failed: user={} client={} failures={} (from this client: {})", username, client, byName,
                byClient);
        if (byName == settings.maxFailures()) {
            log.warn("Sign-in locked: user={} client={} after {} failures within {}; refused until {}", username,
                    client, byName, settings.window(), now.plus(settings.lockout()));
        }
        if (byClient == settings.maxFailuresPerClient()) {
            log.warn("Sign-in locked: client={} (last user={}) after {} failures within {}; refused until {}", client,
                    username, byClient, settings.window(), now.plus(settings.lockout()));
        }
    }

    /** A successful sign-in clears the username's failures. */
    void succeeded(String username) {
        usernames.remove(username);
    }

    private static boolean locked(Failures failures, Instant now) {
        return failures != null && failures.lockedAt(now);
    }

    private int record(Map<String, Failures> counted, String key, int limit, Instant now) {
        if (counted.size() > PRUNE_ABOVE) {
            counted.values().removeIf(failures -> failures.forgettable(now));
        }
        return counted.computeIfAbsent(key, k -> new Failures()).add(now, limit);
    }

    /** One username's or one client's recent failures, and until when it is locked. */
    private final class Failures {

        private final Deque<Instant> times = new ArrayDeque<>();
        private Instant lockedUntil;

        synchronized int add(Instant now, int limit) {
            if (lockedUntil != null && !now.isBefore(lockedUntil)) {
                // a lockout that ran out starts the count afresh
                lockedUntil = null;
                times.clear();
            }
            times.addLast(now);
            Instant since = now.minus(settings.window());
            while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
                times.removeFirst();
            }
            if (times.size() >= limit && lockedUntil == null) {
                lockedUntil = now.plus(settings.lockout());
            }
            return times.size();
        }

        synchronized boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }

        synchronized boolean forgettable(Instant now) {
            return !lockedAt(now) && (times.isEmpty() || !times.peekLast().isAfter(now.minus(settings.window())));
        }
    }
}
