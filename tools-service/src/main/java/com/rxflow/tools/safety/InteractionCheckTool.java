package com.rxflow.tools.safety;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.Interaction;
import com.rxflow.events.tools.InteractionQuery;
import com.rxflow.events.tools.InteractionReport;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.patient.Prescription;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code interaction_check}: a drug checked against EVERY current medication of the bound patient
 * (the reference only listed the drug's own interactions), most severe first, each with its
 * effect, the management advice and where it is documented. Warfarin for a patient on Eliquis is
 * contraindicated.
 */
@Component
public class InteractionCheckTool extends ContractTool<InteractionQuery, InteractionReport> {

    private final PatientDirectory patients;
    private final DrugCatalogue catalogue;
    private final InteractionTable table;

    public InteractionCheckTool(PatientDirectory patients, DrugCatalogue catalogue, InteractionTable table) {
        super(ToolContracts.INTERACTION_CHECK);
        this.patients = patients;
        this.catalogue = catalogue;
        this.table = table;
    }

    @Override
    public ToolOutcome<InteractionReport> run(Invocation invocation, InteractionQuery query) {
        String medication = Arguments.medication("medication", query.getMedication());
        Patient patient = patients.require(invocation.patientId());
        Drug drug = catalogue.require(medication).drug();
        List<Found> found = new ArrayList<>();
        for (Prescription prescription : patient.medications()) {
            Optional<Drug> current = catalogue.byId(prescription.drug());
            current.flatMap(other -> table.between(drug, other))
                    .ifPresent(rule -> found.add(new Found(prescription, rule)));
        }
        found.sort(Comparator.comparingInt((Found f) -> -f.rule.severity().rank()));
        List<Interaction> interactions = found.stream().map(f -> Interaction.newBuilder()
                .setWithMedication(f.prescription.name())
                .setSeverity(f.rule.severity().name())
                .setEffect(f.rule.effect())
                .setManagement(f.rule.management())
                .setSource(f.rule.source())
                .build()).toList();
        return ToolOutcome.completed(InteractionReport.newBuilder()
                .setMedication(drug.genericName())
                .setInteractions(interactions)
                .setHighestSeverity(interactions.isEmpty() ? null : interactions.get(0).getSeverity())
                .build(), patients.provenance());
    }

    private record Found(Prescription prescription, InteractionRule rule) {
    }
}
