package com.rxflow.load.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the harness does next in a run. */
enum ChaosEvent {
    /** SIGKILL an instance of a service, and start it again at once. */
    KILL,
    /** SIGKILL the broker, and start it again. */
    BROKER_RESTART,
    /** An instance of a Kafka Streams service joins, or (every other time) one leaves cleanly. */
    SCALE;

    /**
     * The run's events in order: the broker restarts and the scale events spread evenly over it,
     * kills everywhere else.
     */
    static List<ChaosEvent> schedule(int kills, int brokerRestarts, int scaleEvents) {
        int events = kills + brokerRestarts + scaleEvents;
        List<ChaosEvent> schedule = new ArrayList<>(Collections.nCopies(events, KILL));
        for (int i = 0; i < brokerRestarts; i++) {
            place(schedule, BROKER_RESTART, (int) Math.round((i + 1.0) * events / (brokerRestarts + 1)) - 1);
        }
        for (int i = 0; i < scaleEvents; i++) {
            place(schedule, SCALE, (int) Math.round((i + 0.5) * events / scaleEvents));
        }
        return schedule;
    }

    /** Puts the event at that place, or the first free place after it. */
    private static void place(List<ChaosEvent> schedule, ChaosEvent event, int at) {
        int place = Math.max(0, Math.min(schedule.size() - 1, at));
        while (schedule.get(place) != KILL) {
            place = (place + 1) % schedule.size();
        }
        schedule.set(place, event);
    }
}
