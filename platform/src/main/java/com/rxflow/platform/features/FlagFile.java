package com.rxflow.platform.features;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The run-time flags file: a YAML map from a flag's guide name to a boolean or to
 * {@code {enabled, allow, percentage}} (the guide's {@code whitelist_users} and
 * {@code rollout_percentage} are accepted too). A file that cannot be read or has a wrong entry is
 * refused whole, and the flags in force stay as they were.
 */
final class FlagFile {

    private FlagFile() {
    }

    /** The settings in the file, by flag; a missing file has none. */
    static Map<FeatureFlag, FlagSetting> read(Path file) throws IOException {
        Map<FeatureFlag, FlagSetting> settings = new EnumMap<>(FeatureFlag.class);
        if (!Files.exists(file)) {
            return settings;
        }
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            return settings;
        }
        if (!(document instanceof Map<?, ?> flags)) {
            throw new IOException(file + " must be a map from flag name to a boolean or {enabled, allow, percentage}");
        }
        for (Map.Entry<?, ?> entry : flags.entrySet()) {
            String name = String.valueOf(entry.getKey());
            FeatureFlag flag = FeatureFlag.byKey(name)
                    .orElseThrow(() -> new IOException(file + ": unknown flag '" + name + "'"));
            settings.put(flag, setting(file, name, entry.getValue()));
        }
        return settings;
    }

    private static FlagSetting setting(Path file, String name, Object value) throws IOException {
        if (value instanceof Boolean enabled) {
            return new FlagSetting(enabled, null, enabled ? 100 : null);
        }
        if (!(value instanceof Map<?, ?> rule)) {
            throw new IOException(file + ": " + name + " must be true, false or {enabled, allow, percentage}");
        }
        Object enabled = rule.get("enabled");
        Object allow = rule.containsKey("allow") ? rule.get("allow") : rule.get("whitelist_users");
        Object percentage = rule.containsKey("percentage") ? rule.get("percentage") : rule.get("rollout_percentage");
        if (enabled != null && !(enabled instanceof Boolean)
                || allow != null && !(allow instanceof List<?>)
                || percentage != null && !(percentage instanceof Integer p && p >= 0 && p <= 100)) {
            throw new IOException(file + ": " + name + " needs enabled: true|false, allow: [patient ids], "
                    + "percentage: 0-100");
        }
        return new FlagSetting((Boolean) enabled,
                allow == null ? null : ((List<?>) allow).stream().map(String::valueOf).toList(), (Integer) percentage);
    }
}
