package com.rxflow.processor.conversation.workflow;

import java.util.List;
import java.util.Set;

import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;

/**
 * A kind of conversation the assistant can hold: the extension point the developer guide called
 * {@code register_conversation_type}. A type names the intents that open its requests, declares its
 * steps and moves (checked on every transition and drawn in the generated diagram), and handles its
 * requests through the {@link Turn}, which is the only way to change state, call tools, escalate or
 * reply. Register a type with {@link ConversationTypes#with}; see docs/workflow.md.
 *
 * <p>The red-flag gate, deduplication, handoff to a pharmacist, cancel and start over run before a
 * type sees a message: a type cannot override them.
 */
public interface ConversationType {

    /** Stable name, recorded in the domain log (for example refill). */
    String name();

    /** The intents that open a request of this type. */
    Set<Intent> intents();

    /** The steps this type adds to the common ones. */
    List<Step> steps();

    /** The moves this type makes; every move must be declared here or among the common ones. */
    List<Transition> transitions();

    /** Opens a request of this type for a message (the conversation is in a step where a request may start). */
    void open(Turn turn, Message message, Interpretation understood);

    /**
     * A message while this type's request is open. Returns false when the message is not an answer
     * to this request (a new request); the workflow then closes this one and opens the new one.
     */
    boolean answer(Turn turn, Message message, Interpretation understood);

    /** Every answer of a batch of tool calls this type made has arrived. */
    void onBatch(Turn turn, Batch batch);

    /**
     * The conversation is back with the assistant at one of this type's steps (after a pharmacist
     * returned it, or after a retry): say where things stand and ask the step's question again.
     */
    void resume(Turn turn);

    /**
     * A prescriber approved the renewal of {@code medication} while the conversation is free. The
     * type that serves refills continues the refill at once and returns true; other types need not
     * do anything, and return false so the patient is told to ask again when ready.
     */
    default boolean continueApproved(Turn turn, String medication) {
        return false;
    }
}
