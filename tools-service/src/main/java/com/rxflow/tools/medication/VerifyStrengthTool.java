package com.rxflow.tools.medication;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.StrengthQuery;
import com.rxflow.events.tools.StrengthVerification;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code verify_strength}: whether a drug comes in the strength a patient stated, however they
 * wrote it ("10 mg", "10MG" and "10mg" are one strength; "0.5 mg" is lorazepam's 0.5mg). Unlike
 * the reference, a drug the catalogue does not know is NOT_FOUND, not assumed valid.
 */
@Component
public class VerifyStrengthTool extends ContractTool<StrengthQuery, StrengthVerification> {

    private final DrugCatalogue catalogue;

    public VerifyStrengthTool(DrugCatalogue catalogue) {
        super(ToolContracts.VERIFY_STRENGTH);
        this.catalogue = catalogue;
    }

    @Override
    public ToolOutcome<StrengthVerification> run(Invocation invocation, StrengthQuery query) {
        String medication = Arguments.medication("medication", query.getMedication());
        String stated = Arguments.strength("strength", query.getStrength());
        Drug drug = catalogue.require(medication).drug();
        Optional<DrugStrength> strength = drug.strength(stated);
        return ToolOutcome.completed(StrengthVerification.newBuilder()
                .setMedication(drug.genericName())
                .setStrength(Strengths.normalize(stated))
                .setValid(strength.isPresent())
                .setAvailable(drug.strengthNames())
                .setRxcui(strength.map(DrugStrength::rxcui).orElse(null))
                .build(), catalogue.provenance());
    }
}
