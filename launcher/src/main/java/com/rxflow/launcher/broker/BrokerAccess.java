package com.rxflow.launcher.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * Puts the services' identities and rights into a broker, as its super user: one SCRAM-SHA-512
 * credential per service, and exactly the given ACLs for the services' principals (missing ones
 * created, any other binding of those principals deleted, so a binding dropped from the catalogue
 * does not outlive it; bindings of other principals, such as a shared cluster's other applications
 * or its administrators, are left alone). Then waits until the broker itself enforces them: in KRaft
 * both reach the broker through the metadata log, a moment after the controller accepted them.
 * Used by the secure embedded broker on every start and by {@code rxflow kafka-access apply} for
 * the deployments' clusters.
 */
final class BrokerAccess {

    private static final int SCRAM_ITERATIONS = 8192;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private BrokerAccess() {
    }

    /**
     * @param superUser the admin client's settings (bootstrap servers, the super user's security settings)
     * @param passwords each service's SCRAM password, by service name (its principal is {@code User:<service>})
     * @param wanted    the ACLs of those principals, exactly
     * @return how many bindings were created and deleted
     */
    static Changes apply(Map<String, Object> superUser, Map<String, String> passwords, List<AclBinding> wanted) {
        Set<String> principals = new HashSet<>();
        passwords.keySet().forEach(service -> principals.add("User:" + service));
        try (Admin admin = Admin.create(superUser)) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            passwords.forEach((service, password) -> users.add(new UserScramCredentialUpsertion(service,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password)));
            await(admin.alterUserScramCredentials(users).all());

            Set<AclBinding> present = managed(admin, principals);
            List<AclBindingFilter> stale = present.stream().filter(binding -> !wanted.contains(binding))
                    .map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                await(admin.deleteAcls(stale).all());
            }
            List<AclBinding> missing = wanted.stream().filter(binding -> !present.contains(binding)).toList();
            if (!missing.isEmpty()) {
                await(admin.createAcls(missing).all());
            }
            awaitEnforced(admin, principals, passwords.keySet(), wanted);
            return new Changes(missing.size(), stale.size());
        }
    }

    /** What {@link #apply} changed: ACL bindings created and deleted. */
    record Changes(int created, int deleted) {
    }

    /** The bindings the broker holds for the given principals. */
    private static Set<AclBinding> managed(Admin admin, Set<String> principals) {
        Set<AclBinding> bindings = new HashSet<>();
        for (AclBinding binding : await(admin.describeAcls(AclBindingFilter.ANY).values())) {
            if (principals.contains(binding.entry().principal())) {
                bindings.add(binding);
            }
        }
        return bindings;
    }

    /** The broker answers from its own authorizer and credential cache, which follow the metadata log. */
    private static void awaitEnforced(Admin admin, Set<String> principals, Set<String> services,
            Collection<AclBinding> wanted) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Set<AclBinding> enforced = managed(admin, principals);
            Set<String> users = await(admin.describeUserScramCredentials().all()).keySet();
            if (enforced.equals(new HashSet<>(wanted)) && users.containsAll(services)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The broker did not apply its ACLs and SCRAM users within " + PATIENCE);
            }
            sleep();
        }
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot set up the broker's users and ACLs: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The broker did not answer within " + PATIENCE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the secure broker", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the secure broker", e);
        }
    }
}
