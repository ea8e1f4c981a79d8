package com.rxflow.tools.safety;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.AllergyCheck;
import com.rxflow.events.tools.AllergyCheckQuery;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolOutcome;

/** {@code allergy_check}: the bound patient's recorded allergies and any conflict with a drug. */
@Component
public class AllergyCheckTool extends ContractTool<AllergyCheckQuery, AllergyCheck> {

    private final PatientDirectory patients;
    private final DrugCatalogue catalogue;
    private final AllergyChecker checker;

    public AllergyCheckTool(PatientDirectory patients, DrugCatalogue catalogue, AllergyChecker checker) {
        super(ToolContracts.ALLERGY_CHECK);
        this.patients = patients;
        this.catalogue = catalogue;
        this.checker = checker;
    }

    @Override
    public ToolOutcome<AllergyCheck> run(Invocation invocation, AllergyCheckQuery query) {
        String medication = Arguments.medication("medication", query.getMedication());
        Patient patient = patients.require(invocation.patientId());
        // an unknown drug cannot be cleared: failing is safer than reporting no conflict
        Drug drug = catalogue.require(medication).drug();
        return ToolOutcome.completed(AllergyCheck.newBuilder()
                .setMedication(drug.genericName())
                .setAllergies(patient.allergies())
                .setConflicts(checker.conflicts(drug, patient.allergies()))
                .build(), patients.provenance());
    }
}
