package com.rxflow.tools.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.core.io.Resource;

import com.rxflow.tools.coverage.FormularyEntry;
import com.rxflow.tools.coverage.InsurancePlan;
import com.rxflow.tools.coverage.PlanBook;
import com.rxflow.tools.coverage.PriorAuthPolicy;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.Prescription;
import com.rxflow.tools.pharmacy.OpeningHours;
import com.rxflow.tools.pharmacy.Pharmacy;
import com.rxflow.tools.pharmacy.PharmacyNetwork;
import com.rxflow.tools.pharmacy.StockItem;
import com.rxflow.tools.pharmacy.ZipCode;
import com.rxflow.tools.registry.Provenance;
import com.rxflow.tools.safety.AllergenGroup;
import com.rxflow.tools.safety.InteractionRule;
import com.rxflow.tools.safety.InteractionTable;

/**
 * The bundled data set: five versioned files in one folder ({@code drugs.json},
 * {@code patients.json}, {@code pharmacies.json}, {@code plans.json}, {@code interactions.json}),
 * each validated field by field, then checked across files (every drug a patient, a pharmacy's
 * stock, a plan or an interaction names exists in the catalogue with that strength; every plan a
 * patient names exists), so a broken drop stops the service at start-up with the file and the
 * field in the message.
 *
 * @param provenance   source and version of the data, as tool results report them
 * @param catalogue    the drugs
 * @param allergens    how allergies map to drug classes
 * @param patients     the patients
 * @param network      the pharmacies
 * @param plans        the insurance plans
 * @param interactions the interaction rules
 */
public record BundledDataSet(Provenance provenance, DrugCatalogue catalogue, List<AllergenGroup> allergens,
        List<Patient> patients, PharmacyNetwork network, PlanBook plans, InteractionTable interactions) {

    public static final List<String> FILES = List.of("drugs.json", "patients.json", "pharmacies.json", "plans.json",
            "interactions.json");

    /** @throws IllegalStateException naming the file and the field of the first problem found */
    public static BundledDataSet load(DataFile reader, Resource folder) {
        Resource drugsFile = file(folder, "drugs.json");
        DrugsFile drugs = reader.read(drugsFile, DrugsFile.class);
        Provenance provenance = new Provenance(drugs.source(), drugs.version());
        DrugCatalogue catalogue = build(drugsFile, "drugs", () -> new DrugCatalogue(provenance, drugs.drugs()));

        Resource plansFile = file(folder, "plans.json");
        PlansFile plans = reader.read(plansFile, PlansFile.class);
        sameVersion(plansFile, plans.version(), drugs.version());
        for (int p = 0; p < plans.plans().size(); p++) {
            InsurancePlan plan = plans.plans().get(p);
            for (int e = 0; e < plan.formulary().size(); e++) {
                drug(catalogue, plansFile, "plans[" + p + "].formulary[" + e + "].drug", plan.formulary().get(e).drug());
            }
            for (int a = 0; a < plan.priorAuth().size(); a++) {
                PriorAuthPolicy policy = plan.priorAuth().get(a);
                drug(catalogue, plansFile, "plans[" + p + "].prior_auth[" + a + "].drug", policy.drug());
            }
            Set<Integer> tiers = plan.tiers().stream().map(t -> t.tier()).collect(Collectors.toSet());
            for (int e = 0; e < plan.formulary().size(); e++) {
                FormularyEntry entry = plan.formulary().get(e);
                if (!tiers.contains(entry.tier())) {
                    throw DataFile.invalid(plansFile, "plans[" + p + "].formulary[" + e + "].tier", "names tier "
                            + entry.tier() + ", which the plan's tiers do not define");
                }
            }
        }
        PlanBook planBook = build(plansFile, "plans", () -> new PlanBook(provenance, plans.plans()));

        Resource patientsFile = file(folder, "patients.json");
        PatientsFile patients = reader.read(patientsFile, PatientsFile.class);
        sameVersion(patientsFile, patients.version(), drugs.version());
        for (int p = 0; p < patients.patients().size(); p++) {
            Patient patient = patients.patients().get(p);
            if (patient.insurancePlanId() != null && planBook.find(patient.insurancePlanId()).isEmpty()) {
                throw DataFile.invalid(patientsFile, "patients[" + p + "].insurance_plan_id",
                        "names plan '" + patient.insurancePlanId() + "', which plans.json does not have");
            }
            for (int m = 0; m < patient.medications().size(); m++) {
                Prescription prescription = patient.medications().get(m);
                String field = "patients[" + p + "].medications[" + m + "]";
                Drug drug = drug(catalogue, patientsFile, field + ".drug", prescription.drug());
                strength(drug, patientsFile, field + ".strength", prescription.strength());
            }
        }

        Resource pharmaciesFile = file(folder, "pharmacies.json");
        PharmaciesFile pharmacies = reader.read(pharmaciesFile, PharmaciesFile.class);
        sameVersion(pharmaciesFile, pharmacies.version(), drugs.version());
        for (int p = 0; p < pharmacies.pharmacies().size(); p++) {
            Pharmacy pharmacy = pharmacies.pharmacies().get(p);
            for (int i = 0; i < pharmacy.inventory().size(); i++) {
                StockItem item = pharmacy.inventory().get(i);
                String field = "pharmacies[" + p + "].inventory[" + i + "]";
                strength(drug(catalogue, pharmaciesFile, field + ".drug", item.drug()), pharmaciesFile,
                        field + ".strength", item.strength());
            }
            try {
                ZoneId.of(pharmacy.timeZone());
            } catch (DateTimeException e) {
                throw DataFile.invalid(pharmaciesFile, "pharmacies[" + p + "].time_zone", "is not a time zone: " + e.getMessage());
            }
            try {
                OpeningHours.parse(pharmacy.hours());
            } catch (IllegalArgumentException e) {
                throw DataFile.invalid(pharmaciesFile, "pharmacies[" + p + "].hours", e.getMessage());
            }
        }
        PharmacyNetwork network = build(pharmaciesFile, "pharmacies",
                () -> new PharmacyNetwork(provenance, pharmacies.pharmacies(), pharmacies.zipCodes()));

        Resource interactionsFile = file(folder, "interactions.json");
        InteractionsFile interactions = reader.read(interactionsFile, InteractionsFile.class);
        sameVersion(interactionsFile, interactions.version(), drugs.version());
        Set<String> classes = catalogue.all().stream().flatMap(d -> d.classTags().stream()).collect(Collectors.toSet());
        for (int i = 0; i < interactions.interactions().size(); i++) {
            InteractionRule rule = interactions.interactions().get(i);
            subject(classes, interactionsFile, "interactions[" + i + "].a", rule.a());
            subject(classes, interactionsFile, "interactions[" + i + "].b", rule.b());
        }
        return new BundledDataSet(provenance, catalogue, drugs.allergenGroups(), new ArrayList<>(patients.patients()),
                network, planBook, new InteractionTable(interactions.interactions()));
    }

    private static Resource file(Resource folder, String name) {
        try {
            return folder.createRelative(name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot locate data file " + name + " in " + folder.getDescription(), e);
        }
    }

    private static void sameVersion(Resource file, String version, String expected) {
        if (!version.equals(expected)) {
            throw DataFile.invalid(file, "version", "is '" + version + "' but drugs.json is '" + expected
                    + "': the files of a data set are released together");
        }
    }

    private static Drug drug(DrugCatalogue catalogue, Resource file, String field, String id) {
        return catalogue.byId(id).orElseThrow(() -> DataFile.invalid(file, field,
                "names drug '" + id + "', which drugs.json does not have"));
    }

    private static void strength(Drug drug, Resource file, String field, String strength) {
        if (drug.strength(strength).isEmpty()) {
            throw DataFile.invalid(file, field, "is '" + strength + "', which drugs.json does not list for "
                    + drug.id() + " (" + drug.strengthNames() + ")");
        }
    }

    private static void subject(Set<String> classes, Resource file, String field, String subject) {
        if (subject.startsWith("class:") && !classes.contains(subject.substring("class:".length()))) {
            throw DataFile.invalid(file, field, "names class '" + subject + "', which no drug in drugs.json has");
        }
    }

    private static <T> T build(Resource file, String what, Supplier<T> builder) {
        try {
            return builder.get();
        } catch (IllegalArgumentException e) {
            throw DataFile.invalid(file, what, e.getMessage());
        }
    }

    record DrugsFile(@NotBlank String source, @NotBlank String version, @NotEmpty List<@NotNull @Valid Drug> drugs,
            @NotNull List<@NotNull @Valid AllergenGroup> allergenGroups) {
    }

    record PatientsFile(@NotBlank String source, @NotBlank String version,
            @NotNull List<@NotNull @Valid Patient> patients) {
    }

    record PharmaciesFile(@NotBlank String source, @NotBlank String version,
            @NotEmpty List<@NotNull @Valid Pharmacy> pharmacies, @NotNull List<@NotNull @Valid ZipCode> zipCodes) {
    }

    record PlansFile(@NotBlank String source, @NotBlank String version,
            @NotNull List<@NotNull @Valid InsurancePlan> plans) {
    }

    record InteractionsFile(@NotBlank String source, @NotBlank String version,
            @NotNull List<@NotNull @Valid InteractionRule> interactions) {
    }
}
