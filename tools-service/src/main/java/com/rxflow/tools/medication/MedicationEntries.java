package com.rxflow.tools.medication;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.tools.patient.Prescription;

/** A prescription as the tool results show it, with the catalogue's facts about its drug. */
public final class MedicationEntries {

    private final DrugCatalogue catalogue;

    public MedicationEntries(DrugCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public List<MedicationEntry> of(List<Prescription> prescriptions, LocalDate today) {
        return prescriptions.stream().map(prescription -> of(prescription, today)).toList();
    }

    public MedicationEntry of(Prescription prescription, LocalDate today) {
        Optional<Drug> drug = drugOf(prescription);
        return MedicationEntry.newBuilder()
                .setName(prescription.name())
                .setStrength(prescription.strength())
                .setRxnormCode(drug.flatMap(d -> d.strength(prescription.strength()).map(DrugStrength::rxcui)
                        .or(() -> Optional.of(d.rxcui()))).orElse(null))
                .setPrescriber(prescription.prescriber())
                .setGenericName(drug.map(Drug::genericName).orElse(null))
                .setBrandNames(drug.map(Drug::brandNames).orElse(List.of()))
                .setDrugClass(drug.map(Drug::drugClass).orElse(null))
                .setCondition(prescription.condition())
                .setForm(prescription.form())
                .setDirections(prescription.directions())
                .setQuantity(prescription.quantity())
                .setDaysSupply(prescription.daysSupply())
                .setRefillsRemaining(prescription.refillsRemaining())
                .setLastFilled(prescription.lastFilled(today).orElse(null))
                .setPrescriptionExpires(prescription.expiresOn(today).orElse(null))
                .setExpired(prescription.expired(today))
                .setControlled(drug.map(Drug::controlled).orElse(false))
                .setSchedule(drug.map(Drug::controlledSchedule).orElse(null))
                .setRequiresDoctorReview(prescription.requiresDoctorReview())
                .setRefillDueFrom(prescription.refillDueFrom(today).orElse(null))
                .setRefillTooEarly(prescription.refillTooEarly(today))
                .build();
    }

    public Optional<Drug> drugOf(Prescription prescription) {
        return catalogue.byId(prescription.drug());
    }
}
