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
 * @param sla how long a case of each priority may wait for a claim
 */
@ConfigurationProperties("rxflow.escalation")
@Validated
public record EscalationProperties(@Valid @DefaultValue Sla sla) {

    /**
     * @param routine SLA of a ROUTINE case
     * @param high    SLA of a HIGH case
     * @param urgent  SLA of an URGENT case
     */
    public record Sla(
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT4H") Duration routine,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT30M") Duration high,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT5M") Duration urgent) {

        public SlaPolicy policy() {
            return new SlaPolicy(routine, high, urgent);
        }
    }
}
