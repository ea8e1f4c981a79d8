package com.rxflow.tools.orders;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Component;

import com.rxflow.events.orders.PharmacyOrderCancelled;
import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.orders.PharmacyOrderEventType;
import com.rxflow.events.tools.CancelOrder;
import com.rxflow.events.tools.OrderCancelled;
import com.rxflow.events.tools.OrderSummary;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.Publication;
import com.rxflow.tools.registry.ToolFailure;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code cancel_order}: cancels one of the bound patient's orders that was not picked up, and
 * publishes ORDER_CANCELLED for the pharmacy's system in the same transaction as its result. An
 * order already cancelled is NOT_CANCELLABLE (the same request redelivered is answered from its
 * first result by the listener and never gets here).
 */
@Component
public class CancelOrderTool extends ContractTool<CancelOrder, OrderCancelled> {

    private final OrderBook book;

    public CancelOrderTool(OrderBook book) {
        super(ToolContracts.CANCEL_ORDER);
        this.book = book;
    }

    @Override
    public ToolOutcome<OrderCancelled> run(Invocation invocation, CancelOrder cancel) {
        OrderBook.Entry entry = OwnOrders.require(book, cancel.getOrderId(), invocation.patientId());
        OrderSummary current = OrderStatuses.asOf(entry.order(), invocation.now());
        if (current.getStatus().equals(OrderStatuses.CANCELLED) || current.getStatus().equals(OrderStatuses.PICKED_UP)) {
            throw new ToolFailure(FailureCode.NOT_CANCELLABLE, "order " + current.getOrderId() + " is "
                    + current.getStatus() + " and cannot be cancelled");
        }
        OrderSummary cancelled = OrderSummary.newBuilder(entry.order()).setStatus(OrderStatuses.CANCELLED).build();
        Instant at = invocation.now().truncatedTo(ChronoUnit.MILLIS);
        PharmacyOrderEvent event = PharmacyOrderEvent.newBuilder()
                .setMetadata(invocation.metadata(1))
                .setType(PharmacyOrderEventType.ORDER_CANCELLED)
                .setCancelled(PharmacyOrderCancelled.newBuilder()
                        .setRequestId(invocation.requestId())
                        .setPatientId(entry.patientId())
                        .setOrder(cancelled)
                        .setCancelledAt(at)
                        .build())
                .build();
        return ToolOutcome.completed(OrderCancelled.newBuilder().setOrder(cancelled).build(), OrderStatusTool.PROVENANCE,
                List.of(new Publication(TopicCatalogue.PHARMACY_ORDERS, cancelled.getOrderId(), event)));
    }
}
