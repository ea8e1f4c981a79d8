package com.rxflow.processor.understanding;

import java.util.function.Supplier;

/**
 * A value built on first use and then shared by the whole process: the sentence model, the safety
 * screen's exemplars and the intent classifier each take seconds to build and are pure afterwards,
 * so every workflow, test and benchmark in a JVM uses the one instance.
 */
public final class Once<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    public Once(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T built = value;
        if (built == null) {
            synchronized (this) {
                built = value;
                if (built == null) {
                    built = factory.get();
                    value = built;
                }
            }
        }
        return built;
    }
}
