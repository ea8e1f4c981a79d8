package com.rxflow.processor.conversation.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every step and every declared move of every registered conversation type, checked on each
 * transition: a move must be declared between the two steps (or from ANY) AND be a move the
 * developer guide's lifecycle allows (a step change inside one lifecycle state is not a lifecycle
 * move). An illegal move is a bug that fails loudly. The mermaid diagram in docs/workflow.md is
 * rendered from this table, so the documentation cannot drift from the code.
 */
public final class StateMachine {

    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final List<Transition> transitions;

    StateMachine(List<Step> steps, List<Transition> transitions) {
        steps.forEach(step -> {
            Step previous = this.steps.putIfAbsent(step.name(), step);
            if (previous != null && !previous.equals(step)) {
                throw new IllegalArgumentException("two steps are named " + step.name());
            }
        });
        for (Transition t : transitions) {
            if (t.from() != Steps.ANY) {
                requireKnown(t.from());
            }
            if (t.to() != Steps.ANY) {
                requireKnown(t.to());
            }
        }
        this.transitions = List.copyOf(transitions);
    }

    private void requireKnown(Step step) {
        if (!step.equals(steps.get(step.name()))) {
            throw new IllegalArgumentException("transition names an unregistered step " + step.name());
        }
    }

    public Optional<Step> step(String name) {
        return Optional.ofNullable(name == null ? null : steps.get(name));
    }

    public List<Step> steps() {
        return List.copyOf(steps.values());
    }

    public List<Transition> transitions() {
        return transitions;
    }

    /** Whether {@code from -> to} is a legal move: declared, and allowed by the guide's lifecycle. */
    public boolean allows(Step from, Step to) {
        if (from.equals(to)) {
            return true;
        }
        if (from.lifecycle() != to.lifecycle() && !from.lifecycle().canMoveTo(to.lifecycle())) {
            return false;
        }
        return transitions.stream().anyMatch(t -> (t.to() == Steps.ANY || t.to().equals(to))
                && (t.from() == Steps.ANY || t.from().equals(from)));
    }

    void check(Step from, Step to, String trigger) {
        if (!allows(from, to)) {
            throw new IllegalStateException("illegal transition " + from.lifecycle() + "/" + from + " -> "
                    + to.lifecycle() + "/" + to + " on " + trigger);
        }
    }

    /** The state machine as a mermaid state diagram: lifecycle states as composite states, steps inside. */
    public String mermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        out.append("    direction LR\n");
        for (Lifecycle lifecycle : Lifecycle.values()) {
            List<Step> inside = new ArrayList<>();
            steps.values().stream().filter(s -> s.lifecycle() == lifecycle).forEach(inside::add);
            if (inside.isEmpty()) {
                continue;
            }
            // composite ids differ from step ids (ERROR is both a lifecycle state and a step)
            out.append("    state \"").append(lifecycle.name()).append("\" as lifecycle_").append(lifecycle.name())
                    .append(" {\n");
            for (Step step : inside) {
                out.append("        ").append(step.name()).append(" : ").append(step.name()).append('\n');
            }
            out.append("    }\n");
        }
        out.append("    [*] --> START\n");
        out.append("    state \"ANY step (where the lifecycle allows)\" as ANY\n");
        for (Transition t : transitions) {
            out.append("    ").append(t.from().name()).append(" --> ").append(t.to().name()).append(" : ")
                    .append(Objects.requireNonNull(t.label())).append('\n');
        }
        return out.toString();
    }

    /** The lifecycle table of the developer guide as a mermaid diagram. */
    public static String lifecycleMermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n    [*] --> INITIALIZED\n");
        for (Lifecycle from : Lifecycle.values()) {
            for (Lifecycle to : Lifecycle.values()) {
                if (from.canMoveTo(to)) {
                    out.append("    ").append(from.name()).append(" --> ").append(to.name()).append('\n');
                }
            }
        }
        return out.toString();
    }
}
