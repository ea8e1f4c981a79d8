package com.rxflow.processor.conversation.workflow;

import java.util.Set;

import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.EscalationFact;

/** Which case, if any, holds the conversation: while one does, a person owns it and the assistant is silent. */
final class Holds {

    static final Set<String> LIVE = Set.of("REQUESTED", "OPENED", "CLAIMED");

    private Holds() {
    }

    static EscalationFact active(ConversationSnapshot snapshot) {
        if (snapshot == null) {
            return null;
        }
        for (EscalationFact fact : snapshot.getEscalations()) {
            if (fact.getHoldsConversation() && LIVE.contains(fact.getStatus())) {
                return fact;
            }
        }
        return null;
    }

    static EscalationFact byId(ConversationSnapshot snapshot, String escalationId) {
        if (snapshot == null) {
            return null;
        }
        return snapshot.getEscalations().stream().filter(f -> f.getEscalationId().equals(escalationId)).findFirst()
                .orElse(null);
    }
}
