package com.rxflow.load.chaos;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Scales the Kafka Streams services out and back in while patients talk: every other scale event a
 * new instance of a Streams service joins (its own instance id, port and empty state folder), the
 * services taking turns from a random first one, so that four events scale both; the next one,
 * the instance that joined last leaves cleanly (SIGTERM, and its process has ended), so its tasks
 * move to the others. Each event is timed from the action to a stable group: every instance of the
 * service ready and answering reads itself.
 */
final class Scaler {

    private static final Duration STABLE_PATIENCE = Duration.ofMinutes(3);

    /** One scale event: which way, which instance, and how long until the group was stable again. */
    record Rebalance(boolean out, String instance, Duration stable, boolean settled) {

        String describe() {
            return (out ? "joined " : "left   ") + instance;
        }
    }

    private final ChaosStack stack;
    private final QueryReader reader;
    private final int first;
    private int outs;
    private final Deque<ChaosStack.Instance> joined = new ArrayDeque<>();
    private final List<Rebalance> rebalances = new ArrayList<>();

    Scaler(ChaosStack stack, QueryReader reader, Random random) {
        this.stack = stack;
        this.reader = reader;
        this.first = random.nextInt(InstancePlan.STREAMS.size());
    }

    /** The Streams service the {@code n}-th scale-out (from 0) adds to, the first being {@code first}. */
    static String serviceOf(int n, int first) {
        return InstancePlan.STREAMS.get((first + n) % InstancePlan.STREAMS.size());
    }

    /** The next scale event: out when no instance it added is still running, else in. */
    Rebalance next() {
        long start = System.nanoTime();
        boolean out = joined.isEmpty();
        String service;
        String label;
        if (out) {
            service = serviceOf(outs++, first);
            ChaosStack.Instance added = stack.scaleOut(service);
            joined.push(added);
            label = added.label();
        } else {
            ChaosStack.Instance leaving = joined.pop();
            service = leaving.service();
            label = leaving.label();
            stack.scaleIn(leaving);
        }
        boolean settled = awaitStable(service);
        Rebalance rebalance = new Rebalance(out, label, Duration.ofNanos(System.nanoTime() - start), settled);
        rebalances.add(rebalance);
        return rebalance;
    }

    /** Waits until every instance of the service is ready and answers a read itself; false when it never did. */
    private boolean awaitStable(String service) {
        long deadline = System.nanoTime() + STABLE_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (stack.instances(service).stream().allMatch(ChaosStack.Instance::ready) && reader.answersEverywhere(service)) {
                return true;
            }
            ChildProcess.sleep(250);
        }
        return false;
    }

    List<Rebalance> rebalances() {
        return List.copyOf(rebalances);
    }
}
