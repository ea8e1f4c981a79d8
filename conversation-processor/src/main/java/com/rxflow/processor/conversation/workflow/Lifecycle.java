package com.rxflow.processor.conversation.workflow;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The conversation lifecycle of the RxFlow developer guide, with exactly its allowed moves. Every
 * transition the workflow makes is checked against this table, so an illegal move is a bug that
 * fails loudly instead of a conversation that silently ends up somewhere odd.
 */
public enum Lifecycle {
    INITIALIZED, GATHERING_INFO, PROCESSING, AWAITING_CONFIRMATION, COMPLETED, ERROR;

    private static final Map<Lifecycle, Set<Lifecycle>> ALLOWED = Map.of(
            INITIALIZED, EnumSet.of(GATHERING_INFO, ERROR),
            GATHERING_INFO, EnumSet.of(PROCESSING, GATHERING_INFO, ERROR),
            PROCESSING, EnumSet.of(AWAITING_CONFIRMATION, COMPLETED, ERROR),
            AWAITING_CONFIRMATION, EnumSet.of(PROCESSING, COMPLETED, ERROR),
            COMPLETED, EnumSet.of(INITIALIZED),
            ERROR, EnumSet.of(INITIALIZED, GATHERING_INFO));

    public boolean canMoveTo(Lifecycle next) {
        return ALLOWED.get(this).contains(next);
    }

    public Set<Lifecycle> allowedMoves() {
        return Set.copyOf(ALLOWED.get(this));
    }
}
