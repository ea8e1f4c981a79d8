package com.rxflow.platform.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;

/**
 * Answers "is this feature on for this patient?" through the OpenFeature API, and keeps the flags
 * current: the configured rollouts, with the flags file (when one is configured) on top, re-read
 * by {@link #refresh()}. Evaluation is in memory, so it may run on a Kafka Streams thread.
 *
 * <p>OpenFeature's {@code OpenFeatureAPI.getInstance()} is one per JVM, and the launcher runs the
 * four services in one JVM, each with its own flags; so each service context gets an API instance
 * of its own.
 */
public final class FeatureFlags implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeatureFlags.class);

    private final Map<FeatureFlag, Rollout> configured;
    private final Path file;
    private final RolloutProvider provider;
    private final OpenFeatureAPI api = new ContextOpenFeatureApi();
    private final Client client;

    /**
     * @param configured every flag's rollout from the service's configuration
     * @param file       the flags file that overrides it, or null
     */
    public FeatureFlags(Map<FeatureFlag, Rollout> configured, Path file) {
        this.configured = Map.copyOf(configured);
        this.file = file;
        this.provider = new RolloutProvider(this.configured);
        api.setProviderAndWait(provider);
        this.client = api.getClient();
        if (file != null) {
            refresh();
        }
    }

    /** All flags at their configured rollouts, no file: for tests and benchmarks. */
    public static FeatureFlags of(Map<FeatureFlag, Rollout> rollouts) {
        Map<FeatureFlag, Rollout> all = new EnumMap<>(FeatureFlag.class);
        for (FeatureFlag flag : FeatureFlag.values()) {
            all.put(flag, rollouts.getOrDefault(flag, flag.enabledByDefault() ? Rollout.on() : Rollout.off()));
        }
        return new FeatureFlags(all, null);
    }

    /** Whether the flag is on for the patient (null: no patient known, only an all-or-nothing rollout applies). */
    public boolean enabled(FeatureFlag flag, String patientId) {
        return client.getBooleanValue(flag.key(), Boolean.FALSE,
                patientId == null ? new ImmutableContext() : new ImmutableContext(patientId));
    }

    /** The rollouts in force. */
    public Map<FeatureFlag, Rollout> rollouts() {
        return provider.rollouts();
    }

    /** The flags file, if one is watched. */
    public Path file() {
        return file;
    }

    /**
     * Re-reads the flags file and puts it in force over the configured rollouts. A file that
     * cannot be read or is wrong changes nothing (and is reported); a missing file means the
     * configuration alone.
     *
     * @return whether any flag changed
     */
    public boolean refresh() {
        if (file == null) {
            return false;
        }
        Map<FeatureFlag, FlagSetting> overrides;
        try {
            overrides = FlagFile.read(file);
        } catch (IOException e) {
            log.warn("Keeping the feature flags in force: {}", e.getMessage());
            return false;
        }
        Map<FeatureFlag, Rollout> next = new EnumMap<>(configured);
        overrides.forEach((flag, setting) -> next.put(flag, setting.over(configured.get(flag))));
        boolean changed = provider.update(next);
        if (changed) {
            log.info("Feature flags changed from {}: {}", file, describe(next));
        }
        return changed;
    }

    private static String describe(Map<FeatureFlag, Rollout> rollouts) {
        StringBuilder text = new StringBuilder();
        rollouts.forEach((flag, rollout) -> text.append(text.length() == 0 ? "" : ", ").append(flag.key()).append('=')
                .append(!rollout.enabled() ? "off" : rollout.percentage() + "%" + (rollout.allow().isEmpty() ? ""
                        : " + " + rollout.allow().size() + " allowed")));
        return text.toString();
    }

    @Override
    public void close() {
        api.shutdown();
    }

    @Override
    public String toString() {
        return "FeatureFlags" + (file == null ? "" : " (file " + file + ")") + ": " + describe(rollouts());
    }

    /** An OpenFeature API of this context's own (see the class comment). */
    private static final class ContextOpenFeatureApi extends OpenFeatureAPI {
    }
}
