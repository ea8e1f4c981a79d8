package com.rxflow.processor.understanding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.semantic.MiniLmEncoder;

/**
 * What building the understanding layer costs a start: the sentence model with the build's snapshot,
 * the safety screen, the intent classifier. Run by hand, with the build's snapshot:
 * {@code ./mvnw -pl conversation-processor -am test -Dtest=StartupCost -Drxflow.tuning=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; without it, delete {@code target/classes/.../semantic/*.bin}
 * and add {@code -Dexec.skip=true}.
 */
@EnabledIfSystemProperty(named = "rxflow.tuning", matches = "true")
class StartupCost {

    @Test
    void report() {
        long t0 = System.nanoTime();
        MiniLmEncoder.shared().encode("hello");
        long t1 = System.nanoTime();
        SafetyScreen.bundled();
        long t2 = System.nanoTime();
        LayeredInterpreter.bundled();
        long t3 = System.nanoTime();
        System.out.printf("START-UP model and snapshot %.1f s, safety screen %.1f s, intent classifier %.1f s,"
                + " total %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9);
    }
}
