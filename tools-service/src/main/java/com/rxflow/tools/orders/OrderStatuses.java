package com.rxflow.tools.orders;

import java.time.Duration;
import java.time.Instant;

import com.rxflow.events.tools.OrderSummary;

/**
 * An order's status as of now. The pharmacy systems do not report back yet, so status follows
 * the clock the way the reference's tracking did, but against the order's own pickup estimate
 * (the pharmacy's wait time for the drug) instead of fixed minutes: RECEIVED for the first five
 * minutes, PROCESSING until the pickup estimate, READY after it. CANCELLED is final. PICKED_UP
 * needs the pharmacy's word and is never derived.
 */
public final class OrderStatuses {

    public static final String RECEIVED = "RECEIVED";
    public static final String PROCESSING = "PROCESSING";
    public static final String READY = "READY";
    public static final String PICKED_UP = "PICKED_UP";
    public static final String CANCELLED = "CANCELLED";

    static final Duration RECEIVING = Duration.ofMinutes(5);

    private OrderStatuses() {
    }

    public static OrderSummary asOf(OrderSummary order, Instant now) {
        String status = order.getStatus();
        if (!status.equals(CANCELLED) && !status.equals(PICKED_UP)) {
            if (now.isBefore(order.getPlacedAt().plus(RECEIVING))) {
                status = RECEIVED;
            } else if (order.getPickupAt() != null && now.isBefore(order.getPickupAt())) {
                status = PROCESSING;
            } else {
                status = READY;
            }
        }
        return OrderSummary.newBuilder(order).setStatus(status).build();
    }
}
