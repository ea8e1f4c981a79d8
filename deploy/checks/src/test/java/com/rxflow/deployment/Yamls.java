package com.rxflow.deployment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML as plain maps and lists (SnakeYAML, which Spring Boot already uses), with the small
 * navigation helpers the deployment checks need. Anchors and merge keys resolve as in compose.
 */
final class Yamls {

    private Yamls() {
    }

    static List<Map<String, Object>> loadAll(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document, file.toString()));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> loadAll(String text, String origin) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(text)) {
            if (document != null) {
                documents.add(map(document, origin));
            }
        }
        return documents;
    }

    static Map<String, Object> load(Path file) {
        List<Map<String, Object>> documents = loadAll(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + " should hold one YAML document, not " + documents.size());
        }
        return documents.get(0);
    }

    static String dump(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(new Representer(options), options).dump(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalStateException(what + " should be a mapping, not " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        if (!(value instanceof List)) {
            throw new IllegalStateException(what + " should be a list, not " + value);
        }
        return (List<Object>) value;
    }

    /** The mapping at {@code keys} under {@code root}, or an empty one where any key is absent. */
    static Map<String, Object> mapAt(Map<String, Object> root, String... keys) {
        Object value = at(root, keys);
        return value == null ? Map.of() : map(value, String.join(".", keys));
    }

    /** The list at {@code keys} under {@code root}, or an empty one where any key is absent. */
    static List<Object> listAt(Map<String, Object> root, String... keys) {
        Object value = at(root, keys);
        return value == null ? List.of() : list(value, String.join(".", keys));
    }

    static String stringAt(Map<String, Object> root, String... keys) {
        Object value = at(root, keys);
        return value == null ? null : String.valueOf(value);
    }

    static Object at(Map<String, Object> root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }
}
