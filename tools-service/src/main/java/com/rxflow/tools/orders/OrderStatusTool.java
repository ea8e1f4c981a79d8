package com.rxflow.tools.orders;

import java.util.List;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.OrderStatusQuery;
import com.rxflow.events.tools.OrderStatusReport;
import com.rxflow.events.tools.OrderSummary;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.Provenance;
import com.rxflow.tools.registry.ToolOutcome;

/** {@code order_status}: one of the bound patient's orders, or their recent ones, with the status as of now. */
@Component
public class OrderStatusTool extends ContractTool<OrderStatusQuery, OrderStatusReport> {

    static final int RECENT = 10;

    private final OrderBook book;

    public OrderStatusTool(OrderBook book) {
        super(ToolContracts.ORDER_STATUS);
        this.book = book;
    }

    @Override
    public ToolOutcome<OrderStatusReport> run(Invocation invocation, OrderStatusQuery query) {
        List<OrderBook.Entry> entries = Arguments.absent(query.getOrderId())
                ? book.ofPatient(invocation.patientId(), RECENT)
                : List.of(OwnOrders.require(book, query.getOrderId(), invocation.patientId()));
        List<OrderSummary> orders = entries.stream()
                .map(entry -> OrderStatuses.asOf(entry.order(), invocation.now())).toList();
        return ToolOutcome.completed(OrderStatusReport.newBuilder().setOrders(orders).build(), PROVENANCE);
    }

    /** Orders come from the pharmacy-orders topic, RxFlow's own log. */
    static final Provenance PROVENANCE = new Provenance("pharmacy-orders-topic", "live");
}
