package com.rxflow.processor.conversation.workflow;

import java.util.ArrayList;
import java.util.Locale;

import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.OrderSummary;
import com.rxflow.state.MedicationFact;
import com.rxflow.state.OrderFact;

/** The state's own copies of what the tools said about a medication or an order. */
final class ToolFacts {

    private ToolFacts() {
    }

    /** A medication as the state keeps it (names in lower case, so matching is case-blind). */
    static MedicationFact medication(MedicationEntry entry) {
        return MedicationFact.newBuilder().setName(entry.getName().toLowerCase(Locale.ROOT))
                .setStrength(entry.getStrength()).setGenericName(entry.getGenericName())
                .setBrandNames(new ArrayList<>(entry.getBrandNames())).setDrugClass(entry.getDrugClass())
                .setCondition(entry.getCondition()).setForm(entry.getForm()).setDirections(entry.getDirections())
                .setQuantity(entry.getQuantity()).setDaysSupply(entry.getDaysSupply())
                .setRefillsRemaining(entry.getRefillsRemaining()).setLastFilled(entry.getLastFilled())
                .setPrescriptionExpires(entry.getPrescriptionExpires()).setExpired(entry.getExpired())
                .setControlled(entry.getControlled()).setSchedule(entry.getSchedule())
                .setRequiresDoctorReview(entry.getRequiresDoctorReview()).setPrescriber(entry.getPrescriber()).build();
    }

    static OrderFact order(OrderSummary order) {
        return OrderFact.newBuilder().setOrderId(order.getOrderId()).setMedication(order.getMedication())
                .setStrength(order.getStrength()).setQuantity(order.getQuantity())
                .setPharmacyName(order.getPharmacyName()).setStatus(order.getStatus()).setPickupAt(order.getPickupAt())
                .build();
    }
}
