package com.rxflow.processor.conversation.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.rxflow.processor.conversation.workflow.refill.RefillConversation;
import com.rxflow.processor.understanding.Intent;

/**
 * The conversation types the workflow knows, registered in one place, and the state machine they
 * make together with the common steps. {@link #defaults()} holds simple, refill and clinical; a new
 * type is added with {@link #with(ConversationType)} (the developer guide's
 * {@code register_conversation_type}), which also adds its steps and moves to the diagram.
 */
public final class ConversationTypes {

    public static final String SIMPLE = "simple";

    private final Map<String, ConversationType> types;
    private final List<ConversationType> order;
    private final StateMachine machine;

    private ConversationTypes(Map<String, ConversationType> types) {
        this.types = Map.copyOf(types);
        List<Step> steps = new ArrayList<>(Steps.COMMON);
        List<Transition> transitions = new ArrayList<>(CommonTransitions.ALL);
        order(types).forEach(type -> {
            steps.addAll(type.steps());
            transitions.addAll(type.transitions());
        });
        this.machine = new StateMachine(steps, transitions);
        this.order = List.copyOf(order(types));
    }

    private static List<ConversationType> order(Map<String, ConversationType> types) {
        return new ArrayList<>(types.values());
    }

    /** simple (questions), refill (the refill workflow) and clinical (questions for a pharmacist). */
    public static ConversationTypes defaults() {
        Map<String, ConversationType> types = new LinkedHashMap<>();
        types.put(SIMPLE, new SimpleConversation());
        types.put(RefillConversation.NAME, new RefillConversation());
        types.put(ClinicalConversation.NAME, new ClinicalConversation());
        return new ConversationTypes(types);
    }

    /** These types plus {@code type}; a type whose name is taken replaces the registered one. */
    public ConversationTypes with(ConversationType type) {
        Map<String, ConversationType> more = new LinkedHashMap<>();
        order.forEach(t -> more.put(t.name(), t));
        more.put(type.name(), type);
        return new ConversationTypes(more);
    }

    public Optional<ConversationType> byName(String name) {
        return Optional.ofNullable(name == null ? null : types.get(name));
    }

    /** The type that serves an intent: the last registered that claims it, so a later type can take one over. */
    public Optional<ConversationType> forIntent(Intent intent) {
        ConversationType found = null;
        for (ConversationType type : order) {
            if (type.intents().contains(intent)) {
                found = type;
            }
        }
        return Optional.ofNullable(found);
    }

    public List<ConversationType> all() {
        return order;
    }

    public StateMachine machine() {
        return machine;
    }
}
