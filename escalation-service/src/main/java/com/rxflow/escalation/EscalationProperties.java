package com.rxflow.escalation;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.rxflow.escalation.cases.SlaPolicy;

/**
 * The pharmacy's escalation settings, bound and checked at start-up so a typo in an SLA fails the
 * service before it opens a single case with a wrong deadline.
 *
 * @param sla               how long a case of each priority may wait for a claim
 * @param retention         how long a case stays in the store (and the console) after it left the queue
 * @param punctuateInterval how often due SLA and retention timers are looked for
 * @param actionTimeout     how long the API waits for the outcome of a pharmacist's action
 */
@ConfigurationProperties("rxflow.escalation")
@Validated
public record EscalationProperties(
        @Valid @DefaultValue Sla sla,
        @NotNull @DurationMin(minutes = 1) @DefaultValue("P7D") Duration retention,
        @NotNull @DurationMin(millis = 10) @DefaultValue("PT1S") Duration punctuateInterval,
        @NotNull @DurationMin(millis = 100) @DefaultValue("PT10S") Duration actionTimeout) {

    /**
     * @param routine    SLA of a ROUTINE case
     * @param high       SLA of a HIGH case
     * @param urgent     SLA of an URGENT case
     * @param prescriber time a prescriber case (renewal, prior authorization) may wait for the prescriber's answer
     */
    public record Sla(
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT4H") Duration routine,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT30M") Duration high,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT5M") Duration urgent,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT48H") Duration prescriber) {

        public SlaPolicy policy() {
            return new SlaPolicy(routine, high, urgent, prescriber);
        }
    }
}
