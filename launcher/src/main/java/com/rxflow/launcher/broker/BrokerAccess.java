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
 * Puts the services' identities and rights into the secure broker on every start, as its super
 * user: one SCRAM-SHA-512 credential per service (the password from {@link BrokerSecurity}), and
 * exactly the given ACLs (missing ones created, any other deleted, so a binding dropped from the
 * catalogue does not outlive it). Then waits until the broker itself enforces them: in KRaft both
 * reach the broker through the metadata log, a moment after the controller accepted them.
 */
final class BrokerAccess {

    private static final int SCRAM_ITERATIONS = 8192;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private BrokerAccess() {
    }

    static void apply(Map<String, Object> superUser, BrokerSecurity security, List<AclBinding> wanted) {
        try (Admin admin = Admin.create(superUser)) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            security.passwords().forEach((service, password) -> users.add(new UserScramCredentialUpsertion(service,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password)));
            await(admin.alterUserScramCredentials(users).all());

            Set<AclBinding> present = new HashSet<>(await(admin.describeAcls(AclBindingFilter.ANY).values()));
            List<AclBindingFilter> stale = present.stream().filter(binding -> !wanted.contains(binding))
                    .map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                await(admin.deleteAcls(stale).all());
            }
            List<AclBinding> missing = wanted.stream().filter(binding -> !present.contains(binding)).toList();
            if (!missing.isEmpty()) {
                await(admin.createAcls(missing).all());
            }
            awaitEnforced(admin, security, wanted);
        }
    }

    /** The broker answers from its own authorizer and credential cache, which follow the metadata log. */
    private static void awaitEnforced(Admin admin, BrokerSecurity security, Collection<AclBinding> wanted) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Set<AclBinding> enforced = new HashSet<>(await(admin.describeAcls(AclBindingFilter.ANY).values()));
            Set<String> users = await(admin.describeUserScramCredentials().all()).keySet();
            if (enforced.equals(new HashSet<>(wanted)) && users.containsAll(security.passwords().keySet())) {
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
            throw new IllegalStateException("Cannot set up the secure broker's users and ACLs: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The secure broker did not answer within " + PATIENCE, e);
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
