package com.rxflow.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import com.rxflow.auth.AuthServerProperties.User;

/**
 * The configured accounts: who can sign in (as Spring Security users: patients with the role
 * PATIENT, staff with their own roles) and who each one is (their patient or roles, for the tokens).
 */
final class LocalUsers {

    static final String PATIENT_ROLE = "PATIENT";

    private final Map<String, User> byUsername;

    LocalUsers(List<User> users) {
        this.byUsername = users.stream().collect(Collectors.toUnmodifiableMap(User::username, Function.identity()));
    }

    Optional<User> find(String username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    UserDetailsService userDetailsService() {
        return new InMemoryUserDetailsManager(byUsername.values().stream().map(LocalUsers::details).toList());
    }

    private static UserDetails details(User user) {
        String[] roles = user.isPatient() ? new String[] {PATIENT_ROLE} : user.roles().toArray(String[]::new);
        return org.springframework.security.core.userdetails.User.withUsername(user.username())
                .password(user.password()).roles(roles).build();
    }
}
