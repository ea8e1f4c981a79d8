package com.rxflow.tools.orders;

import java.time.LocalDate;

import com.rxflow.tools.coverage.InsurancePlan;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.Prescription;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolFailure;

/**
 * Whether a prescription may be refilled today, checked again at the moment of ordering whatever
 * the conversation concluded before: an expired prescription, a controlled substance or one
 * marked for review, no refills left, an early refill (less than 75% of the last fill's days
 * supply elapsed) and a missing prior authorization each stop the order with their own code, in
 * that order, so the workflow routes the patient to the prescriber or the pharmacist.
 */
public final class RefillEligibility {

    private RefillEligibility() {
    }

    /** @throws ToolFailure with the first reason the refill may not go ahead */
    public static void check(Patient patient, Prescription prescription, Drug drug, InsurancePlan plan, LocalDate today) {
        if (prescription.expired(today)) {
            throw new ToolFailure(FailureCode.PRESCRIPTION_EXPIRED, prescription.name() + " " + prescription.strength()
                    + " expired on " + prescription.expiresOn(today).orElseThrow() + "; the prescriber must renew it");
        }
        if ((drug != null && drug.controlled()) || prescription.requiresDoctorReview()) {
            throw new ToolFailure(FailureCode.PRESCRIBER_REVIEW_REQUIRED, prescription.name()
                    + (drug != null && drug.controlled() ? " is a schedule " + drug.controlledSchedule() + " controlled substance" : "")
                    + (prescription.requiresDoctorReview() ? " is marked for prescriber review" : "")
                    + "; the prescriber must authorise each refill");
        }
        if (prescription.refillsRemaining() == 0) {
            throw new ToolFailure(FailureCode.NO_REFILLS_REMAINING, prescription.name() + " has no refills left; the prescriber must renew it");
        }
        if (prescription.refillTooEarly(today)) {
            throw new ToolFailure(FailureCode.REFILL_TOO_EARLY, prescription.name() + " was last filled on "
                    + prescription.lastFilled(today).orElseThrow() + "; a refill is due from " + prescription.refillDueFrom(today).orElseThrow());
        }
        if (drug != null && plan != null) {
            boolean required = plan.entry(drug.id(), null).map(entry -> entry.priorAuth()).orElse(false);
            if (required && !patient.priorAuthorizations().contains(drug.id())) {
                throw new ToolFailure(FailureCode.PRIOR_AUTHORIZATION_REQUIRED, plan.name() + " requires prior authorization for "
                        + prescription.name() + " and none is on file");
            }
        }
    }
}
