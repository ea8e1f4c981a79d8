package com.rxflow.tools.orders;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code orderBook} in {@code /actuator/health}: DOWN with the reason once the {@link OrderBookFeed}
 * failed (order status and cancellation would answer from a book that no longer learns of new
 * orders), OUT_OF_SERVICE once stopped, UP while it reads or follows the topic. The details say
 * where the feed is, since when, how many events it applied and skipped.
 */
public class OrderBookHealthIndicator extends AbstractHealthIndicator {

    private final OrderBookFeed feed;
    private final OrderBook book;

    public OrderBookHealthIndicator(OrderBookFeed feed, OrderBook book) {
        super("The order book's health could not be read");
        this.feed = feed;
        this.book = book;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OrderBookFeed.Status status = feed.status();
        switch (status.state()) {
            case FAILED -> builder.down().withDetail("reason", "the order book stopped following the"
                    + " pharmacy-orders topic: order status and cancellation see no new orders")
                    .withDetail("cause", status.cause());
            case STOPPED -> builder.outOfService().withDetail("reason", "the order book feed is stopped");
            default -> builder.up();
        }
        builder.withDetail("state", status.state().name()).withDetail("since", status.since().toString())
                .withDetail("orders", book.size()).withDetail("applied", status.applied())
                .withDetail("skipped", status.skipped());
    }
}
