package com.rxflow.escalation.api;

import java.util.List;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

import com.rxflow.escalation.query.CaseView;
import com.rxflow.escalation.security.AccessProperties.Role;
import com.rxflow.escalation.security.StaffDirectory;
import com.rxflow.events.escalation.Actor;
import com.rxflow.events.escalation.EscalationRoute;

/** The signed-in member of staff: who they are on the actions they take, and what they may see. */
@Component
class Staff {

    private final StaffDirectory directory;

    Staff(StaffDirectory directory) {
        this.directory = directory;
    }

    /** The actor recorded on an action: the login as id, the configured display name. */
    Actor actor(Authentication user) {
        String name = directory.displayName(user.getName()).orElse(user.getName());
        return Actor.newBuilder().setId(user.getName()).setName(name).build();
    }

    boolean has(Authentication user, Role role) {
        return roles(user).contains(role.name());
    }

    /** A prescriber without the pharmacist role sees prescriber cases only. */
    CaseView visible(Authentication user, CaseView found) {
        if (!has(user, Role.PHARMACIST) && !found.route().equals(EscalationRoute.PRESCRIBER.name())) {
            throw new AccessDeniedException("prescribers see the prescriber queue");
        }
        return found;
    }

    Me me(Authentication user) {
        return new Me(user.getName(), actor(user).getName(), roles(user));
    }

    private static List<String> roles(Authentication user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).sorted().toList();
    }

    /** The signed-in user, for the console's header. */
    record Me(String id, String name, List<String> roles) {
    }
}
