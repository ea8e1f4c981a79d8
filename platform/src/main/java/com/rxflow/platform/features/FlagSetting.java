package com.rxflow.platform.features;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * One flag as configured: any part left out keeps the flag's default (the guide's on or off, an
 * empty allow-list, 100 percent).
 *
 * @param enabled    the master switch
 * @param allow      patient ids for whom the flag is on whatever the percentage
 * @param percentage share of the other patients for whom it is on
 */
public record FlagSetting(Boolean enabled, List<String> allow, @Min(0) @Max(100) Integer percentage) {

    Rollout over(Rollout base) {
        return new Rollout(enabled != null ? enabled : base.enabled(),
                allow != null ? java.util.Set.copyOf(allow) : base.allow(),
                percentage != null ? percentage : base.percentage());
    }
}
