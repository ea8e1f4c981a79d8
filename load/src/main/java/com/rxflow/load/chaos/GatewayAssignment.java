package com.rxflow.load.chaos;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which gateway instance each patient talks to, as a load balancer with sticky sessions would
 * decide: patients are spread evenly over the gateways in the order they first talk, each sticks
 * to its gateway, and a patient whose gateway is down moves to the next one and stays there.
 */
final class GatewayAssignment {

    private final List<URI> gateways;
    private final Map<String, Integer> assigned = new ConcurrentHashMap<>();
    private final AtomicInteger arrivals = new AtomicInteger();

    GatewayAssignment(List<URI> gateways) {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("no gateway to talk to");
        }
        this.gateways = List.copyOf(gateways);
    }

    /** The gateway this patient talks to now (the first time: the next gateway in turn). */
    URI gatewayOf(String patient) {
        return gateways.get(assigned.computeIfAbsent(patient, p -> arrivals.getAndIncrement() % gateways.size()));
    }

    /**
     * The patient's gateway did not answer: from now on the patient talks to the next one. A patient
     * already moved off {@code down} (another request of theirs noticed first) stays where they are.
     *
     * @return the gateway the patient talks to from now on
     */
    URI moveOff(String patient, URI down) {
        int index = assigned.compute(patient, (p, current) -> {
            int now = current == null ? Math.max(0, gateways.indexOf(down)) : current;
            return gateways.get(now).equals(down) ? (now + 1) % gateways.size() : now;
        });
        return gateways.get(index);
    }
}
