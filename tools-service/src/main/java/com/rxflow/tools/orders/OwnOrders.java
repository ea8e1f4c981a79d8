package com.rxflow.tools.orders;

import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolFailure;

/** Finds an order for the bound patient: another patient's order is refused, never shown. */
final class OwnOrders {

    private OwnOrders() {
    }

    static OrderBook.Entry require(OrderBook book, String orderId, String patientId) {
        String id = Arguments.reference("orderId", orderId);
        OrderBook.Entry entry = book.find(id).orElseThrow(() -> new ToolFailure(FailureCode.NOT_FOUND,
                "no order " + id + " is known (orders placed moments ago on another instance may take a second to appear)"));
        if (!entry.patientId().equals(patientId)) {
            throw new ToolFailure(FailureCode.OTHER_PATIENT,
                    "order " + id + " belongs to a patient this conversation is not bound to");
        }
        return entry;
    }
}
