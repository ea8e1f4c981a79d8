package com.rxflow.processor.conversation.workflow.refill;

import static com.rxflow.processor.conversation.workflow.Steps.COMPLETE;
import static com.rxflow.processor.conversation.workflow.Steps.PLACE_ORDER;
import static com.rxflow.processor.conversation.workflow.Steps.SELECT_PHARMACY;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.OrderConfirmed;
import com.rxflow.events.conversation.PharmacyOption;
import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.events.tools.OrderPlaced;
import com.rxflow.events.tools.PlaceOrder;
import com.rxflow.processor.conversation.workflow.Batch;
import com.rxflow.processor.conversation.workflow.Message;
import com.rxflow.processor.conversation.workflow.RequestChange;
import com.rxflow.processor.conversation.workflow.Steps;
import com.rxflow.processor.conversation.workflow.Trigger;
import com.rxflow.processor.conversation.workflow.Turn;
import com.rxflow.processor.conversation.workflow.Wording;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.schemas.tool.ToolContracts;

/**
 * Placing the order: every detail is stated (medication, strength, quantity, pharmacy, price or
 * copay, pickup time) and only an explicit yes places it, recorded as {@code OrderConfirmed} before
 * the order is sent; a no goes back to the pharmacies, another pharmacy named checks its stock.
 */
final class Ordering {

    /** The purpose of this stage's tool calls, by which their answers come back to it. */
    static final String ORDER = "ORDER";

    private Ordering() {
    }

    /** The patient's answer to the stated order: only an explicit yes places it. */
    static void orderAnswered(Turn turn, Message message, Interpretation understood) {
        Optional<PharmacyOption> other = understood.pharmacy() == null ? Optional.empty()
                : Pharmacies.choose(turn.request().getOfferedPharmacies(), understood.pharmacy())
                        .filter(p -> !p.getPharmacyId().equals(turn.request().getPharmacyId()));
        if (other.isPresent()) {
            Pharmacies.checkStock(turn, other.get());
        } else if (understood.isExplicitYes()) {
            place(turn, message);
        } else if (understood.has(Intent.NO)) {
            turn.goTo(SELECT_PHARMACY, Trigger.ORDER_DECLINED);
            Pharmacies.askAgain(turn, "OK, I haven't placed the order. ");
        } else {
            turn.say("Please answer yes to place this order, or no to change it.", RefillRequest.YES_NO, List.of());
        }
    }

    /** Records the patient's yes ({@code OrderConfirmed}) and sends the order to the pharmacy. */
    private static void place(Turn turn, Message message) {
        RequestDetails request = turn.request();
        int quantity = request.getQuantity() == null ? 30 : request.getQuantity();
        turn.record(ConversationEventType.ORDER_CONFIRMED, e -> e.setOrderConfirmed(OrderConfirmed.newBuilder()
                .setMessageId(message.messageId()).setMedication(request.getMedication())
                .setStrength(request.getStrength()).setQuantity(quantity).setPharmacyId(request.getPharmacyId())
                .setPharmacyName(request.getPharmacyName()).setPrice(request.getPrice()).setCopay(request.getCopay())
                .build()));
        String batch = RefillRequest.batch(turn);
        turn.updateRequest(RequestChange.ORDER_CONFIRMED, RequestDetails.newBuilder(request).setBatch(batch).build());
        turn.goTo(PLACE_ORDER, Trigger.ORDER_CONFIRMED);
        turn.invoke(ToolContracts.PLACE_ORDER, PlaceOrder.newBuilder().setMedication(request.getMedication())
                .setStrength(request.getStrength()).setQuantity(quantity).setPharmacyId(request.getPharmacyId())
                .setConfirmationMessageId(message.messageId()).build(), ORDER, batch);
    }

    /** The pharmacy accepted the order: every detail of it is told, and the next queued medication follows. */
    static void placed(Turn turn, Batch batch) {
        Optional<OrderPlaced> placed = batch.result(ToolContracts.PLACE_ORDER);
        if (placed.isEmpty()) {
            RefillRequest.failed(turn, "place your order (nothing was ordered)");
            return;
        }
        OrderPlaced order = placed.get();
        RequestDetails request = turn.request();
        Instant pickup = order.getOrder().getPickupAt() != null ? order.getOrder().getPickupAt() : request.getPickupAt();
        String cost = order.getCopay() != null ? "Your copay of " + Wording.money(order.getCopay()) + " is due at pickup."
                : order.getPrice() != null ? Wording.money(order.getPrice()) + " is due at pickup." : "";
        turn.updateRequest(RequestChange.ORDER_PLACED,
                RequestDetails.newBuilder(request).setOrderId(order.getOrder().getOrderId())
                .build());
        turn.say("Your order " + order.getOrder().getOrderId() + " is placed: " + request.getMedication() + " "
                + request.getStrength() + ", quantity " + order.getOrder().getQuantity() + ", at "
                + order.getPharmacy().getName() + ", " + order.getPharmacy().getAddress() + ". It will be ready for "
                + "pickup from " + Wording.time(pickup, turn.policy().zone()) + ". " + cost
                + " Please bring a photo ID." + Wording.sources(batch.sources()), List.of(), batch.sources());
        RefillRequest.finish(turn, COMPLETE, Trigger.ORDER_PLACED);
    }

    /** States every detail of the order and asks for an explicit yes. */
    static void askToConfirm(Turn turn) {
        RequestDetails request = turn.request();
        turn.say(orderQuestion(turn, request), RefillRequest.YES_NO, request.getSources());
    }

    private static String orderQuestion(Turn turn, RequestDetails request) {
        StringBuilder text = new StringBuilder("Please confirm your order: ").append(request.getMedication()).append(' ')
                .append(request.getStrength()).append(", quantity ")
                .append(request.getQuantity() == null ? 30 : request.getQuantity()).append(", at ")
                .append(request.getPharmacyName()).append(", ").append(request.getPharmacyAddress()).append(". ");
        if (request.getCopay() != null) {
            text.append("Your copay: ").append(Wording.money(request.getCopay()));
            if (request.getPrice() != null) {
                text.append(" (cash price ").append(Wording.money(request.getPrice())).append(')');
            }
            text.append(". ");
        } else if (request.getPrice() != null) {
            text.append("Price: ").append(Wording.money(request.getPrice())).append(". ");
        }
        if (request.getPickupAt() != null) {
            text.append("Estimated pickup: ").append(Wording.time(request.getPickupAt(), turn.policy().zone()))
                    .append(". ");
        }
        if (request.getNote() != null) {
            text.append("Please note: ").append(request.getNote()).append(' ');
        }
        return text.append("Shall I place this order?").toString();
    }
}
