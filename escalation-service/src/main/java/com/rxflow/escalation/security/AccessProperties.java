package com.rxflow.escalation.security;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the console and the API, and how instances authenticate each other.
 *
 * @param users   the pharmacy staff accounts
 * @param peerKey the shared secret instances send each other when one lists the cases another
 *                holds; every instance of a deployment sets the same value. Unset, a random key is
 *                used, which is enough for a single instance
 */
@ConfigurationProperties("rxflow.escalation.access")
@Validated
public record AccessProperties(@Valid @DefaultValue List<User> users, String peerKey) {

    /**
     * @param username    the login, recorded as the actor's id on every action
     * @param password    the password's hash in Spring Security's delegating format, for example
     *                    {@code {bcrypt}$2a$10$...}; never the password itself
     * @param displayName the name patients and colleagues see, for example "Jennifer Martinez"
     * @param roles       PHARMACIST (works every case) and/or PRESCRIBER (reads the prescriber queue and
     *                    records prescriber decisions) and/or AUDITOR (reads who accessed a patient's data)
     */
    public record User(@NotBlank String username, @NotBlank String password, @NotBlank String displayName,
            @NotEmpty Set<Role> roles) {
    }

    public enum Role {
        PHARMACIST, PRESCRIBER, AUDITOR
    }
}
