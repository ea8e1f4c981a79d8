package com.rxflow.escalation.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.rxflow.escalation.security.AccessProperties.Role;

/**
 * The pharmacy staff who may sign in, from configuration: their logins, password hashes, display
 * names and roles. Refuses, outside the local profile, the development accounts whose passwords the
 * README publishes.
 */
public final class StaffDirectory implements UserDetailsService {

    /** The local profile's documented development password (pharmacist); no other profile may use it. */
    public static final String DEVELOPMENT_PASSWORD = "rxflow-local-pharmacist";

    /** The local profile's documented development password of the auditor; no other profile may use it. */
    public static final String AUDITOR_DEVELOPMENT_PASSWORD = "rxflow-local-auditor";

    /** The local profile's documented development password of the privacy officer; no other profile may use it. */
    public static final String PRIVACY_OFFICER_DEVELOPMENT_PASSWORD = "rxflow-local-privacy";

    /** Every password the documentation publishes. */
    public static final List<String> DEVELOPMENT_PASSWORDS = List.of(DEVELOPMENT_PASSWORD, AUDITOR_DEVELOPMENT_PASSWORD,
            PRIVACY_OFFICER_DEVELOPMENT_PASSWORD);

    private final Map<String, AccessProperties.User> users = new LinkedHashMap<>();

    /**
     * @param local true when the local profile is active, the only one where the development password is allowed
     * @throws IllegalStateException naming the setting, when a non-local profile configures a development password
     */
    public StaffDirectory(List<AccessProperties.User> configured, PasswordEncoder encoder, boolean local) {
        for (int i = 0; i < configured.size(); i++) {
            AccessProperties.User user = configured.get(i);
            if (!local && DEVELOPMENT_PASSWORDS.stream().anyMatch(known -> encoder.matches(known, user.password()))) {
                throw new IllegalStateException("rxflow.escalation.access.users[" + i + "].password ("
                        + user.username() + ") is the documented development password of the local profile, which "
                        + "only the local profile may use: set the hash of a password of your own "
                        + "({bcrypt}... from any BCrypt tool)");
            }
            if (users.putIfAbsent(user.username(), user) != null) {
                throw new IllegalStateException("rxflow.escalation.access.users[" + i + "].username: "
                        + user.username() + " is configured twice");
            }
        }
    }

    /** The display name of a user, recorded with their actions. */
    public Optional<String> displayName(String username) {
        return Optional.ofNullable(users.get(username)).map(AccessProperties.User::displayName);
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        AccessProperties.User user = users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return User.withUsername(user.username()).password(user.password())
                .roles(user.roles().stream().map(Role::name).toArray(String[]::new)).build();
    }
}
