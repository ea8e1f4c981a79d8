package com.rxflow.tools.coverage;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import com.rxflow.tools.records.Lists;

/**
 * A plan's prior-authorization requirements for one drug.
 *
 * @param drug          catalogue id of the drug
 * @param criteria      clinical criteria, any of which qualifies
 * @param documentation what the prescriber must send
 * @param turnaround    typical decision time
 */
public record PriorAuthPolicy(@NotBlank String drug, @NotEmpty List<@NotBlank String> criteria,
        @NotNull List<@NotBlank String> documentation, @NotBlank String turnaround) {

    public PriorAuthPolicy {
        criteria = Lists.copy(criteria);
        documentation = Lists.copy(documentation);
    }
}
