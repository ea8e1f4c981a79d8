package com.rxflow.escalation.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a username and password (the console's form, or HTTP Basic) with the {@link SignInThrottle}
 * in front: a locked username or client is refused before its password is even looked at, and
 * every wrong password counts towards a lockout.
 */
final class ThrottledSignIn implements AuthenticationProvider {

    private static final String UNKNOWN_CLIENT = "unknown";

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledSignIn(AuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName();
        String client = attempt.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : UNKNOWN_CLIENT;
        if (throttle.isLocked(username, client)) {
            // the same answer for every username, existing or not
            throw new LockedException("Too many failed sign-ins; try again later");
        }
        try {
            Authentication authenticated = passwords.authenticate(attempt);
            throttle.succeeded(username);
            return authenticated;
        } catch (BadCredentialsException e) {
            throttle.failed(username, client);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
