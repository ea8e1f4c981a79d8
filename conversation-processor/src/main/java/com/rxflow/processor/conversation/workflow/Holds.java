package com.rxflow.processor.conversation.workflow;

import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.EscalationFact;

/** Which case, if any, holds the conversation: while one does, a person owns it and the assistant is silent. */
public final class Holds {

    private Holds() {
    }

    public static EscalationFact active(ConversationSnapshot snapshot) {
        if (snapshot == null) {
            return null;
        }
        for (EscalationFact fact : snapshot.getEscalations()) {
            if (fact.getHoldsConversation() && live(fact)) {
                return fact;
            }
        }
        return null;
    }

    /** A case still waiting for, or with, a person. */
    public static boolean live(EscalationFact fact) {
        return EscalationStatus.LIVE.contains(EventCodes.status(fact));
    }

    public static EscalationFact byId(ConversationSnapshot snapshot, String escalationId) {
        if (snapshot == null) {
            return null;
        }
        return snapshot.getEscalations().stream().filter(f -> f.getEscalationId().equals(escalationId)).findFirst()
                .orElse(null);
    }
}
