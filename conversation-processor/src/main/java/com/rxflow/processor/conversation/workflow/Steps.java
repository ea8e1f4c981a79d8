package com.rxflow.processor.conversation.workflow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The steps every conversation type shares, and the refill steps of the reference implementation. */
public final class Steps {

    /** Stands for "any step" in a declared transition; never a conversation's step. */
    public static final Step ANY = new Step("ANY", null, "any step whose lifecycle state allows the move");

    public static final Step START = new Step("START", Lifecycle.INITIALIZED,
            "Opened, or ready for a new request.");
    public static final Step UNDERSTAND_REQUEST = new Step("UNDERSTAND_REQUEST", Lifecycle.GATHERING_INFO,
            "Working out what the patient needs, or asking for a missing detail.");
    public static final Step ANSWERING = new Step("ANSWERING", Lifecycle.PROCESSING,
            "Waiting on tools to answer a question.");
    public static final Step CLOSING_REQUEST = new Step("CLOSING_REQUEST", Lifecycle.PROCESSING,
            "Closing a request that was cancelled or abandoned before it finished.");
    public static final Step WITH_PHARMACIST = new Step("WITH_PHARMACIST", Lifecycle.PROCESSING,
            "A pharmacist owns the conversation: the assistant is silent and forwards the patient's messages.");
    public static final Step COMPLETE = new Step("COMPLETE", Lifecycle.COMPLETED, "The request was served.");
    public static final Step CANCELLED = new Step("CANCELLED", Lifecycle.COMPLETED,
            "The patient cancelled the request; nothing was ordered.");
    public static final Step CLOSED = new Step("CLOSED", Lifecycle.COMPLETED,
            "Closed after the idle time; a new message starts a new request.");
    public static final Step ERROR = new Step("ERROR", Lifecycle.ERROR,
            "Something failed; the patient can retry or start over.");

    public static final Step IDENTIFY_MEDICATION = new Step("IDENTIFY_MEDICATION", Lifecycle.GATHERING_INFO,
            "Finding which of the patient's medications the refill is for.");
    public static final Step CLARIFY_MEDICATION = new Step("CLARIFY_MEDICATION", Lifecycle.GATHERING_INFO,
            "Asking which medication the patient means (two close candidates or an unknown name).");
    public static final Step CHECK_AUTHORIZATION = new Step("CHECK_AUTHORIZATION", Lifecycle.PROCESSING,
            "Prescription facts, allergies, interactions and coverage from the tools; the refill gates decide.");
    public static final Step CONFIRM_DOSAGE = new Step("CONFIRM_DOSAGE", Lifecycle.AWAITING_CONFIRMATION,
            "Asking the patient to confirm the medication, strength and quantity on record.");
    public static final Step PRESCRIBER_REVIEW = new Step("PRESCRIBER_REVIEW", Lifecycle.COMPLETED,
            "Renewal sent to the prescriber (no refills, expired, controlled, doctor review); no order.");
    public static final Step PRIOR_AUTHORIZATION = new Step("PRIOR_AUTHORIZATION", Lifecycle.COMPLETED,
            "The plan requires prior authorization: sent to the prescriber; no order until approved.");
    public static final Step FIND_PHARMACIES = new Step("FIND_PHARMACIES", Lifecycle.PROCESSING,
            "Finding nearby pharmacies with the medication and comparing prices.");
    public static final Step SELECT_PHARMACY = new Step("SELECT_PHARMACY", Lifecycle.AWAITING_CONFIRMATION,
            "Asking the patient to pick a pharmacy from the numbered list.");
    public static final Step CHECK_INVENTORY = new Step("CHECK_INVENTORY", Lifecycle.PROCESSING,
            "Checking the chosen pharmacy has the medication; out of stock offers alternatives.");
    public static final Step CONFIRM_ORDER = new Step("CONFIRM_ORDER", Lifecycle.AWAITING_CONFIRMATION,
            "All order details stated; only an explicit yes places the order.");
    public static final Step PLACE_ORDER = new Step("PLACE_ORDER", Lifecycle.PROCESSING,
            "Waiting for the pharmacy to accept the confirmed order.");

    public static final Step CONFIRM_CANCELLATION = new Step("CONFIRM_CANCELLATION", Lifecycle.AWAITING_CONFIRMATION,
            "Asking the patient to confirm cancelling an order.");

    /** The steps every type shares. */
    public static final List<Step> COMMON = List.of(START, UNDERSTAND_REQUEST, ANSWERING, CLOSING_REQUEST,
            WITH_PHARMACIST, COMPLETE, CANCELLED, CLOSED, ERROR);

    private Steps() {
    }

    /**
     * The step a walk passes through in a lifecycle state it only crosses, so a move that the guide
     * allows only in several moves (for example GATHERING_INFO to COMPLETED) is made, and recorded,
     * through real states. Null where the workflow never passes through.
     */
    static Step waypoint(Lifecycle lifecycle) {
        switch (lifecycle) {
            case INITIALIZED:
                return START;
            case GATHERING_INFO:
                return UNDERSTAND_REQUEST;
            case PROCESSING:
                return CLOSING_REQUEST;
            case COMPLETED:
                return COMPLETE;
            default:
                return null;
        }
    }

    /**
     * The waypoint of the first lifecycle state on the shortest path the guide allows from {@code
     * from} to {@code to}, crossing only states that have a waypoint.
     */
    static Step waypointTowards(Lifecycle from, Lifecycle to) {
        Map<Lifecycle, Lifecycle> firstHop = new EnumMap<>(Lifecycle.class);
        Deque<Lifecycle> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            Lifecycle at = queue.poll();
            for (Lifecycle next : Lifecycle.values()) {
                if (!at.canMoveTo(next) || next == from || firstHop.containsKey(next)) {
                    continue;
                }
                firstHop.put(next, at == from ? next : firstHop.get(at));
                if (next == to) {
                    return waypoint(firstHop.get(next));
                }
                if (waypoint(next) != null) {
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException("no lifecycle path from " + from + " to " + to);
    }
}
