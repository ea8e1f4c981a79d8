package com.rxflow.tools.registry;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The tools this service runs, found by the name a command asks for. */
public final class ToolRegistry {

    private final Map<String, Tool<?, ?>> tools;

    /** @throws IllegalArgumentException when two tools share a name */
    public ToolRegistry(Collection<? extends Tool<?, ?>> tools) {
        Map<String, Tool<?, ?>> byName = new TreeMap<>();
        for (Tool<?, ?> tool : tools) {
            Tool<?, ?> previous = byName.putIfAbsent(tool.name(), tool);
            if (previous != null) {
                throw new IllegalArgumentException("two tools are named '" + tool.name() + "': "
                        + previous.getClass().getName() + " and " + tool.getClass().getName());
            }
        }
        this.tools = Collections.unmodifiableMap(byName);
    }

    public Optional<Tool<?, ?>> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** The registered names, sorted. */
    public Set<String> names() {
        return tools.keySet();
    }
}
