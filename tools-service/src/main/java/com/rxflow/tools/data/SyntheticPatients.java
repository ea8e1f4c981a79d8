package com.rxflow.tools.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.rxflow.tools.coverage.InsurancePlan;
import com.rxflow.tools.coverage.PlanBook;
import com.rxflow.tools.geo.Address;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.patient.Fill;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.Prescription;
import com.rxflow.tools.records.RelativeDate;

/**
 * Made-up patients for load tests: {@code syn_000001} upwards, each with one to four of the
 * drugs the pharmacies stock, a year of fills, allergies, a plan and an Austin address. The same
 * count and seed always give the same patients (a load test and the service it drives agree on
 * them without sharing a file). Start the service with {@code rxflow.tools.data.synthetic-patients=N}
 * (and {@code synthetic-seed}) to serve them next to the bundled ones.
 */
public final class SyntheticPatients {

    public static final String PREFIX = "syn_";

    private static final List<String> FIRST = List.of("Ana", "Ben", "Carla", "Dev", "Elena", "Femi", "Grace", "Hugo",
            "Iris", "Jamal", "Kira", "Luis", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tariq");
    private static final List<String> LAST = List.of("Garcia", "Nguyen", "Smith", "Okafor", "Patel", "Kim", "Lopez",
            "Brown", "Schmidt", "Rossi", "Haddad", "Ivanova", "Tanaka", "Silva", "Moreau");
    private static final List<String> STOCKED = List.of("lisinopril:10mg", "metformin:500mg", "atorvastatin:20mg",
            "omeprazole:20mg", "famotidine:20mg", "meloxicam:15mg", "methocarbamol:500mg", "apixaban:5mg");
    private static final List<String> ALLERGIES = List.of("penicillin", "sulfa drugs", "aspirin");

    private SyntheticPatients() {
    }

    /** The id of the {@code n}-th synthetic patient (from 1). */
    public static String id(int n) {
        return PREFIX + String.format("%06d", n);
    }

    public static List<Patient> generate(int count, long seed, DrugCatalogue catalogue, PlanBook plans) {
        SplittableRandom random = new SplittableRandom(seed);
        List<InsurancePlan> planList = List.copyOf(plans.all());
        List<Patient> patients = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            patients.add(patient(n, random.split(), catalogue, planList));
        }
        return patients;
    }

    private static Patient patient(int n, SplittableRandom random, DrugCatalogue catalogue, List<InsurancePlan> plans) {
        List<Prescription> medications = new ArrayList<>();
        List<String> drugs = new ArrayList<>(STOCKED);
        int count = 1 + random.nextInt(4);
        for (int m = 0; m < count; m++) {
            String[] pick = drugs.remove(random.nextInt(drugs.size())).split(":");
            Drug drug = catalogue.byId(pick[0]).orElseThrow();
            medications.add(prescription(drug, pick[1], random));
        }
        List<String> allergies = random.nextInt(4) == 0 ? List.of(ALLERGIES.get(random.nextInt(ALLERGIES.size()))) : List.of();
        String zip = String.valueOf(78701 + random.nextInt(59));
        Address address = new Address(100 + random.nextInt(9000) + " Synthetic St", "Austin", "TX", zip,
                30.20 + random.nextDouble() * 0.2, -97.85 + random.nextDouble() * 0.2);
        return new Patient(id(n), FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size())),
                LocalDate.of(1940 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                plans.get(random.nextInt(plans.size())).id(), address, null, allergies, List.of(), medications, List.of());
    }

    private static Prescription prescription(Drug drug, String strength, SplittableRandom random) {
        int daysSupply = drug.usualDaysSupply();
        int gap = random.nextInt(8);
        int last = 1 + random.nextInt(daysSupply + 10);
        List<Fill> fills = new ArrayList<>();
        for (int offset = last; offset < 365 + daysSupply; offset += daysSupply + gap) {
            fills.add(new Fill(RelativeDate.daysFromToday(-offset), drug.usualQuantity(), daysSupply));
        }
        return new Prescription(drug.id(), drug.genericName(), strength, drug.forms().get(0), drug.directions(),
                drug.indications().get(0), drug.usualQuantity(), daysSupply, random.nextInt(6), "Dr. Synthetic Prescriber",
                null, RelativeDate.daysFromToday(-random.nextInt(300)), RelativeDate.daysFromToday(30 + random.nextInt(300)),
                false, fills);
    }
}
