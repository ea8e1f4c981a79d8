package com.rxflow.escalation.cases;

import java.time.Instant;
import java.util.UUID;

import com.rxflow.events.escalation.Actor;
import com.rxflow.events.escalation.ClaimCase;
import com.rxflow.events.escalation.PharmacistAction;
import com.rxflow.events.escalation.PharmacistActionType;
import com.rxflow.events.escalation.PrescriberDecision;
import com.rxflow.events.escalation.RecordPrescriberDecision;
import com.rxflow.events.escalation.ReplyToPatient;
import com.rxflow.events.escalation.ResolutionOutcome;
import com.rxflow.events.escalation.ResolveCase;
import com.rxflow.events.escalation.WithdrawCase;
import com.rxflow.schemas.event.Metadata;

/** Pharmacist actions as escalation-service's API writes them, with readable defaults. */
public final class PharmacistActionBuilder {

    public static final Actor JENNIFER = Actor.newBuilder().setId("jmartinez").setName("Jennifer Martinez").build();
    public static final Actor OMAR = Actor.newBuilder().setId("ofarouk").setName("Omar Farouk").build();

    private final PharmacistAction.Builder action = PharmacistAction.newBuilder();
    private String conversationId = "conv-1";
    private String actionId = UUID.randomUUID().toString();
    private Actor actor = JENNIFER;

    private PharmacistActionBuilder(PharmacistActionType type) {
        action.setType(type);
    }

    public static PharmacistActionBuilder claim(String escalationId) {
        PharmacistActionBuilder builder = new PharmacistActionBuilder(PharmacistActionType.CLAIM);
        builder.action.setClaim(ClaimCase.newBuilder().setEscalationId(escalationId).build());
        return builder;
    }

    public static PharmacistActionBuilder reply(String escalationId, String text) {
        PharmacistActionBuilder builder = new PharmacistActionBuilder(PharmacistActionType.REPLY);
        builder.action.setReply(ReplyToPatient.newBuilder().setEscalationId(escalationId).setText(text).build());
        return builder;
    }

    public static PharmacistActionBuilder resolve(String escalationId, ResolutionOutcome outcome, String note) {
        PharmacistActionBuilder builder = new PharmacistActionBuilder(PharmacistActionType.RESOLVE);
        builder.action.setResolve(ResolveCase.newBuilder().setEscalationId(escalationId).setOutcome(outcome)
                .setNote(note).build());
        return builder;
    }

    public static PharmacistActionBuilder withdraw(String escalationId, String reason) {
        PharmacistActionBuilder builder = new PharmacistActionBuilder(PharmacistActionType.WITHDRAW);
        builder.action.setWithdraw(WithdrawCase.newBuilder().setEscalationId(escalationId).setReason(reason).build());
        return builder;
    }

    public static PharmacistActionBuilder decide(String escalationId, PrescriberDecision decision, String note) {
        PharmacistActionBuilder builder = new PharmacistActionBuilder(PharmacistActionType.RECORD_PRESCRIBER_DECISION);
        builder.action.setPrescriberDecision(RecordPrescriberDecision.newBuilder().setEscalationId(escalationId)
                .setDecision(decision).setNote(note).build());
        return builder;
    }

    public PharmacistActionBuilder by(Actor who) {
        actor = who;
        return this;
    }

    public PharmacistActionBuilder conversation(String id) {
        conversationId = id;
        return this;
    }

    public PharmacistActionBuilder actionId(String id) {
        actionId = id;
        return this;
    }

    public PharmacistAction build() {
        return action.setMetadata(Metadata.start(conversationId, "patient-7", actionId, "escalation-service",
                        Instant.parse("2025-03-03T09:00:00Z")))
                .setActionId(actionId).setActor(actor).build();
    }
}
