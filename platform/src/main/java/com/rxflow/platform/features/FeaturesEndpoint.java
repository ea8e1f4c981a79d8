package com.rxflow.platform.features;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/features}: the flags in force in this instance, and a way to make it re-read
 * the flags file at once ({@code POST /actuator/features/refresh}) instead of at the next check.
 */
@Endpoint(id = "features")
public class FeaturesEndpoint {

    private final FeatureFlags flags;

    public FeaturesEndpoint(FeatureFlags flags) {
        this.flags = flags;
    }

    @ReadOperation
    public Map<String, Object> flags() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", flags.file() == null ? null : flags.file().toString());
        Map<String, Object> rollouts = new LinkedHashMap<>();
        flags.rollouts().forEach((flag, rollout) -> rollouts.put(flag.key(), Map.of(
                "enabled", rollout.enabled(), "allow", rollout.allow().size(), "percentage", rollout.percentage())));
        body.put("flags", rollouts);
        return body;
    }

    @WriteOperation
    public Map<String, Object> refresh(@Selector String action) {
        if (!"refresh".equals(action)) {
            throw new IllegalArgumentException("the only action is refresh");
        }
        return Map.of("changed", flags.refresh());
    }
}
