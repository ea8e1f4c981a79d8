package com.rxflow.platform.features;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;

/**
 * RxFlow's OpenFeature provider: boolean flags answered from the configured {@link Rollout}s, the
 * evaluation context's targeting key being the patient id. Swapping it for another OpenFeature
 * provider (flagd, a vendor's) changes no calling code.
 */
final class RolloutProvider extends EventProvider {

    static final String NAME = "rxflow-rollout";

    private final AtomicReference<Map<FeatureFlag, Rollout>> rollouts;

    RolloutProvider(Map<FeatureFlag, Rollout> initial) {
        this.rollouts = new AtomicReference<>(Map.copyOf(initial));
    }

    Map<FeatureFlag, Rollout> rollouts() {
        return rollouts.get();
    }

    /** Puts new rollouts in force and tells OpenFeature's listeners, when anything changed. */
    boolean update(Map<FeatureFlag, Rollout> next) {
        Map<FeatureFlag, Rollout> copy = Map.copyOf(next);
        if (rollouts.getAndSet(copy).equals(copy)) {
            return false;
        }
        emitProviderConfigurationChanged(ProviderEventDetails.builder().message("feature flags changed").build());
        return true;
    }

    @Override
    public Metadata getMetadata() {
        return () -> NAME;
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext context) {
        Optional<FeatureFlag> flag = FeatureFlag.byKey(key);
        if (flag.isEmpty()) {
            return error(defaultValue, ErrorCode.FLAG_NOT_FOUND, "no flag named " + key);
        }
        Rollout rollout = rollouts.get().get(flag.get());
        String patientId = context == null ? null : context.getTargetingKey();
        boolean value = rollout.enabledFor(key, patientId);
        String reason = !rollout.enabled() || rollout.percentage() >= 100 ? Reason.STATIC.name()
                : rollout.allow().contains(patientId) ? Reason.TARGETING_MATCH.name() : Reason.SPLIT.name();
        return ProviderEvaluation.<Boolean>builder().value(value).variant(value ? "on" : "off").reason(reason).build();
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext context) {
        return error(defaultValue, ErrorCode.TYPE_MISMATCH, "RxFlow's flags are booleans");
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext context) {
        return error(defaultValue, ErrorCode.TYPE_MISMATCH, "RxFlow's flags are booleans");
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext context) {
        return error(defaultValue, ErrorCode.TYPE_MISMATCH, "RxFlow's flags are booleans");
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext context) {
        return error(defaultValue, ErrorCode.TYPE_MISMATCH, "RxFlow's flags are booleans");
    }

    private static <T> ProviderEvaluation<T> error(T defaultValue, ErrorCode code, String message) {
        return ProviderEvaluation.<T>builder().value(defaultValue).reason(Reason.ERROR.name()).errorCode(code)
                .errorMessage(message).build();
    }
}
