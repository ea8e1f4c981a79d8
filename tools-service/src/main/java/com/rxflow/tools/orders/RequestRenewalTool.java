package com.rxflow.tools.orders;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.orders.PharmacyOrderEventType;
import com.rxflow.events.orders.RenewalRequestSent;
import com.rxflow.events.tools.RenewalRequest;
import com.rxflow.events.tools.RenewalRequested;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.medication.DrugStrength;
import com.rxflow.tools.medication.Prescriptions;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.patient.Prescription;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.Publication;
import com.rxflow.tools.registry.ToolFailure;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code request_renewal}: asks the prescriber of one of the bound patient's prescriptions for a
 * new one. The request goes out as RENEWAL_REQUESTED on the pharmacy-orders topic, which the
 * pharmacy's system forwards to the prescriber (as an e-prescribing renewal request), in the same
 * transaction as the result; its id is derived from the request id.
 */
@Component
public class RequestRenewalTool extends ContractTool<RenewalRequest, RenewalRequested> {

    static final Set<String> REASONS = Set.of("NO_REFILLS", "EXPIRED", "CONTROLLED", "DOCTOR_REVIEW");

    private final PatientDirectory patients;
    private final DrugCatalogue catalogue;
    private final Prescriptions prescriptions;

    public RequestRenewalTool(PatientDirectory patients, DrugCatalogue catalogue) {
        super(ToolContracts.REQUEST_RENEWAL);
        this.patients = patients;
        this.catalogue = catalogue;
        this.prescriptions = new Prescriptions(catalogue);
    }

    @Override
    public ToolOutcome<RenewalRequested> run(Invocation invocation, RenewalRequest request) {
        String medication = Arguments.medication("medication", request.getMedication());
        if (request.getReasonCode() == null || !REASONS.contains(request.getReasonCode())) {
            throw new ToolFailure(FailureCode.INVALID_ARGUMENTS, "argument 'reasonCode' must be one of " + REASONS
                    + ", not '" + request.getReasonCode() + "'");
        }
        Patient patient = patients.require(invocation.patientId());
        Prescription prescription = prescriptions.require(patient, medication);
        String renewalId = OrderIds.renewal(invocation.requestId());
        String rxcui = catalogue.byId(prescription.drug())
                .map(drug -> drug.strength(prescription.strength()).map(DrugStrength::rxcui).orElse(drug.rxcui()))
                .orElse(null);
        PharmacyOrderEvent event = PharmacyOrderEvent.newBuilder()
                .setMetadata(invocation.metadata(1))
                .setType(PharmacyOrderEventType.RENEWAL_REQUESTED)
                .setRenewalRequested(RenewalRequestSent.newBuilder()
                        .setRequestId(invocation.requestId())
                        .setRenewalId(renewalId)
                        .setPatientId(patient.id())
                        .setMedication(prescription.name())
                        .setStrength(prescription.strength())
                        .setRxcui(rxcui)
                        .setPrescriber(prescription.prescriber())
                        .setReasonCode(request.getReasonCode())
                        .setRequestedAt(invocation.now().truncatedTo(ChronoUnit.MILLIS))
                        .build())
                .build();
        return ToolOutcome.completed(RenewalRequested.newBuilder()
                .setRenewalId(renewalId)
                .setMedication(prescription.name())
                .setPrescriber(prescription.prescriber())
                .setStatus("SENT")
                .build(), patients.provenance(), List.of(new Publication(TopicCatalogue.PHARMACY_ORDERS, renewalId, event)));
    }
}
