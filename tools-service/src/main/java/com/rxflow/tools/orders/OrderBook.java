package com.rxflow.tools.orders;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.orders.PharmacyOrderEventType;
import com.rxflow.events.tools.OrderSummary;

/**
 * Every order placed through RxFlow, as the pharmacy-orders topic tells it: the view order_status
 * and cancel_order read. It is rebuilt from the topic at start-up and fed by it afterwards (see
 * {@link OrderBookFeed}), so it survives restarts and is the same on every instance; an instance
 * also applies its own orders as soon as their transaction commits, so it reads its own writes.
 * Applying an event twice, or out of order with its own copy, is harmless: a placement never
 * overwrites an order already known, and a cancellation is final.
 */
public final class OrderBook {

    private final Map<String, Entry> orders = new ConcurrentHashMap<>();

    public void apply(PharmacyOrderEvent event) {
        if (event.getType() == PharmacyOrderEventType.ORDER_PLACED && event.getPlaced() != null) {
            orders.putIfAbsent(event.getPlaced().getOrder().getOrderId(),
                    new Entry(event.getPlaced().getPatientId(), event.getPlaced().getOrder()));
        } else if (event.getType() == PharmacyOrderEventType.ORDER_CANCELLED && event.getCancelled() != null) {
            orders.put(event.getCancelled().getOrder().getOrderId(),
                    new Entry(event.getCancelled().getPatientId(), event.getCancelled().getOrder()));
        }
    }

    public Optional<Entry> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    /** The patient's orders, newest first. */
    public List<Entry> ofPatient(String patientId, int limit) {
        return orders.values().stream().filter(entry -> entry.patientId().equals(patientId))
                .sorted(Comparator.comparing((Entry entry) -> entry.order().getPlacedAt()).reversed()
                        .thenComparing(entry -> entry.order().getOrderId()))
                .limit(limit).toList();
    }

    public int size() {
        return orders.size();
    }

    /** An order and the patient it belongs to. */
    public record Entry(String patientId, OrderSummary order) {
    }
}
