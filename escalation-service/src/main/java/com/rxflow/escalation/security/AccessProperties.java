package com.rxflow.escalation.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the console and the API, and how sign-in resists guessing. (Instances of this
 * service authenticate each other with the platform's service key, {@code rxflow.service-key}.)
 *
 * @param users  the pharmacy staff accounts
 * @param signIn when repeated failed sign-ins lock an account or a client out
 */
@ConfigurationProperties("rxflow.escalation.access")
@Validated
public record AccessProperties(@Valid @DefaultValue List<User> users, @Valid @DefaultValue SignIn signIn) {

    /**
     * @param username    the login, recorded as the actor's id on every action
     * @param password    the password's hash in Spring Security's delegating format, for example
     *                    {@code {bcrypt}$2a$10$...}; never the password itself
     * @param displayName the name patients and colleagues see, for example "Jennifer Martinez"
     * @param roles       PHARMACIST (works every case), PRESCRIBER (reads the prescriber queue and
     *                    records prescriber decisions), AUDITOR (reads the audit trail, works no case)
     *                    and/or PRIVACY_OFFICER (forgets a patient: erases their data keys; works no case)
     */
    public record User(@NotBlank String username, @NotBlank String password, @NotBlank String displayName,
            @NotEmpty Set<Role> roles) {
    }

    public enum Role {
        PHARMACIST, PRESCRIBER, AUDITOR, PRIVACY_OFFICER
    }

    /**
     * Lockout after repeated failed sign-ins (the console's form and HTTP Basic alike), counted in
     * this instance's memory: behind a load balancer each instance counts its own.
     *
     * @param maxFailures          failures of one username within {@code window} that lock it
     * @param window               how far back failures count
     * @param lockout              how long a locked username (or client) is refused, right password or not
     * @param maxFailuresPerClient failures from one client address within {@code window}, whatever the
     *                             usernames, that lock that address out
     */
    public record SignIn(
            @Min(1) @DefaultValue("5") int maxFailures,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT15M") Duration window,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT15M") Duration lockout,
            @Min(1) @DefaultValue("20") int maxFailuresPerClient) {
    }
}
