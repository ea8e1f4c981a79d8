package com.rxflow.escalation.api;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

import com.rxflow.escalation.EscalationProperties;
import com.rxflow.escalation.cases.CaseDecider;
import com.rxflow.escalation.query.CaseQueries;
import com.rxflow.escalation.query.CaseView;
import com.rxflow.escalation.query.QueueUnavailableException;
import com.rxflow.events.audit.AuditAction;
import com.rxflow.events.escalation.Actor;
import com.rxflow.events.escalation.PharmacistAction;
import com.rxflow.events.escalation.PharmacistActionType;
import com.rxflow.platform.audit.AuditTrail;
import com.rxflow.platform.audit.Purpose;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * Turns a pharmacist's request into a command on the pharmacist-actions topic and waits for its
 * outcome. The API never changes a case itself: the Kafka Streams task that owns the case's
 * conversation applies actions in order, so two pharmacists claiming at once are decided there,
 * once. This class then reads the action's outcome from the case on that task's instance.
 */
@Service
class PharmacistActions {

    private static final long POLL_MILLIS = 50;

    private final KafkaTemplate<String, PharmacistAction> kafka;
    private final Topic<String, PharmacistAction> topic;
    private final CaseQueries queries;
    private final Duration timeout;
    private final Clock clock;
    private final AuditTrail audit;

    PharmacistActions(KafkaTemplate<String, PharmacistAction> kafka, TopicCatalogue catalogue, CaseQueries queries,
            EscalationProperties properties, ObjectProvider<Clock> clock, AuditTrail audit) {
        this.audit = audit;
        this.kafka = kafka;
        this.topic = catalogue.topic(TopicCatalogue.PHARMACIST_ACTIONS);
        this.queries = queries;
        this.timeout = properties.actionTimeout();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Sends an action on a case and returns the case once the action was applied.
     *
     * @param actionId the idempotency key: the client's, or a fresh one
     * @param payload  sets the action's kind and its payload on the builder
     * @throws ActionRefusedException when the case's task refused it
     * @throws ActionPendingException when the outcome did not show in time
     */
    CaseView act(String escalationId, Actor actor, String actionId, PharmacistActionType type,
            Consumer<PharmacistAction.Builder> payload) {
        // the owner's copy only: the owner applies the action, a standby's copy may lag it
        CaseView found = queries.findActive(escalationId);
        String id = actionId == null ? UUID.randomUUID().toString() : actionId;
        Optional<CaseView.Action> earlier = found.action(id);
        if (earlier.isPresent()) {
            return outcome(earlier.get(), found); // a retry of an action already applied
        }
        // no audit, no change: the access is recorded before the action is sent
        audit.record(com.rxflow.platform.audit.Actor.staff(actor.getId()), found.patientId(), AuditAction.CASE_ACTION,
                Purpose.escalationCase(escalationId), type.name());
        PharmacistAction.Builder action = PharmacistAction.newBuilder()
                .setMetadata(Metadata.start(found.conversationId(), found.patientId(), id, CaseDecider.SOURCE,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .setType(type)
                .setActionId(id)
                .setActor(actor);
        payload.accept(action);
        send(found.conversationId(), action.build());
        return await(found.conversationId(), escalationId, id);
    }

    private void send(String conversationId, PharmacistAction action) {
        try {
            kafka.send(topic.name(), conversationId, action).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueUnavailableException("interrupted while sending the action", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new QueueUnavailableException("Kafka did not accept the action", e);
        }
    }

    private CaseView await(String conversationId, String escalationId, String actionId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<CaseView> current = queries.fromOwner(conversationId, escalationId);
            Optional<CaseView.Action> applied = current.flatMap(view -> view.action(actionId));
            if (applied.isPresent()) {
                return outcome(applied.get(), current.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ActionPendingException(actionId);
    }

    private static CaseView outcome(CaseView.Action action, CaseView current) {
        if (!action.accepted()) {
            throw new ActionRefusedException(action.problem(), action.detail(), current);
        }
        return current;
    }
}
