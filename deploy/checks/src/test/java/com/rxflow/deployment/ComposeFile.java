package com.rxflow.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as compose reads it: YAML with anchors and merge keys resolved, then every
 * string value interpolated from the variables (the {@code .env} file). Compose's interpolation
 * forms are supported: {@code $$}, {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}}, {@code ${VAR:+other}}.
 */
final class ComposeFile {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\$|\\$\\{(\\w+)(?:(:?[-?+])((?:[^}])*))?}|\\$(\\w+)");

    private final Map<String, Object> root;
    private final Set<String> required;

    private ComposeFile(Map<String, Object> root, Set<String> required) {
        this.root = root;
        this.required = required;
    }

    /**
     * @throws MissingVariablesException when a variable compose requires ({@code ${VAR:?error}}) is
     *                                   missing or empty, with every such error
     */
    static ComposeFile read(Path file, Map<String, String> variables) {
        Map<String, Object> raw = Yamls.load(file);
        Interpolation interpolation = new Interpolation(variables);
        @SuppressWarnings("unchecked")
        Map<String, Object> interpolated = (Map<String, Object>) interpolation.apply(raw);
        if (!interpolation.errors.isEmpty()) {
            throw new MissingVariablesException(interpolation.errors);
        }
        return new ComposeFile(interpolated, interpolation.required);
    }

    /**
     * This file with an override file on top ({@code docker compose -f this -f override}), merged as
     * compose merges them: mappings key by key (a service's {@code environment}), sequences such as
     * {@code secrets} appended, anything else replaced.
     */
    ComposeFile withOverride(Path override, Map<String, String> variables) {
        ComposeFile top = read(override, variables);
        Set<String> allRequired = new LinkedHashSet<>(required);
        allRequired.addAll(top.required);
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) merge(root, top.root);
        return new ComposeFile(merged, allRequired);
    }

    private static Object merge(Object base, Object top) {
        if (base instanceof Map<?, ?> baseMap && top instanceof Map<?, ?> topMap) {
            Map<String, Object> merged = new LinkedHashMap<>();
            baseMap.forEach((k, v) -> merged.put(String.valueOf(k), v));
            topMap.forEach((k, v) -> merged.merge(String.valueOf(k), v, ComposeFile::merge));
            return merged;
        }
        if (base instanceof List<?> baseList && top instanceof List<?> topList) {
            List<Object> merged = new ArrayList<>(baseList);
            topList.stream().filter(item -> !merged.contains(item)).forEach(merged::add);
            return merged;
        }
        return top;
    }

    /** The variables compose refuses to run without. */
    Set<String> requiredVariables() {
        return required;
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        Yamls.mapAt(root, "services").forEach((name, definition) ->
                services.put(name, new Service(name, Yamls.map(definition, "service " + name))));
        return services;
    }

    Service service(String name) {
        Service service = services().get(name);
        if (service == null) {
            throw new IllegalStateException("docker-compose.yml has no service '" + name + "'");
        }
        return service;
    }

    Set<String> namedVolumes() {
        return Yamls.mapAt(root, "volumes").keySet();
    }

    /** One compose service, with the parts of its definition the checks read. */
    record Service(String name, Map<String, Object> definition) {

        String image() {
            return Yamls.stringAt(definition, "image");
        }

        String hostname() {
            return Yamls.stringAt(definition, "hostname");
        }

        String restart() {
            return Yamls.stringAt(definition, "restart");
        }

        Map<String, String> environment() {
            return strings(definition.get("environment"), "environment of " + name);
        }

        Map<String, String> buildArguments() {
            return strings(Yamls.at(definition, "build", "args"), "build args of " + name);
        }

        List<String> command() {
            return Yamls.listAt(definition, "command").stream().map(String::valueOf).toList();
        }

        Map<String, Object> dependsOn() {
            Object value = definition.get("depends_on");
            if (value instanceof List<?> names) {
                Map<String, Object> conditions = new LinkedHashMap<>();
                names.forEach(n -> conditions.put(String.valueOf(n), Map.of("condition", "service_started")));
                return conditions;
            }
            return value == null ? Map.of() : Yamls.map(value, "depends_on of " + name);
        }

        /** Short-syntax secrets: the names of the top-level secrets mounted at /run/secrets/NAME. */
        List<String> secrets() {
            return Yamls.listAt(definition, "secrets").stream().map(String::valueOf).toList();
        }

        /** Short-syntax volumes, {@code source:target[:mode]}. */
        List<Volume> volumes() {
            List<Volume> volumes = new ArrayList<>();
            for (Object entry : Yamls.listAt(definition, "volumes")) {
                String[] parts = String.valueOf(entry).split(":");
                if (parts.length < 2) {
                    throw new IllegalStateException("volume of " + name + " should be source:target: " + entry);
                }
                volumes.add(new Volume(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro")));
            }
            return volumes;
        }

        /** Short-syntax ports, {@code [host_ip:]published:target}: the container-side ports. */
        List<Integer> targetPorts() {
            return Yamls.listAt(definition, "ports").stream()
                    .map(p -> String.valueOf(p).split(":"))
                    .map(parts -> Integer.parseInt(parts[parts.length - 1].split("/")[0]))
                    .toList();
        }

        private static Map<String, String> strings(Object value, String what) {
            Map<String, String> strings = new LinkedHashMap<>();
            if (value instanceof List<?> list) {
                for (Object entry : list) {
                    String[] parts = String.valueOf(entry).split("=", 2);
                    strings.put(parts[0], parts.length > 1 ? parts[1] : "");
                }
            } else if (value != null) {
                Yamls.map(value, what).forEach((k, v) -> strings.put(k, v == null ? "" : String.valueOf(v)));
            }
            return strings;
        }
    }

    /**
     * @param source   a named volume or a host path (starting with . or /)
     * @param target   where it is mounted in the container
     * @param readOnly mounted read-only
     */
    record Volume(String source, String target, boolean readOnly) {

        boolean named() {
            return !source.startsWith(".") && !source.startsWith("/");
        }
    }

    /** Variables compose requires and did not get, each with its own message, as compose reports them. */
    static final class MissingVariablesException extends IllegalStateException {

        private final Map<String, String> errors;

        MissingVariablesException(Map<String, String> errors) {
            super("docker-compose.yml needs " + errors);
            this.errors = Map.copyOf(errors);
        }

        Map<String, String> errors() {
            return errors;
        }
    }

    private static final class Interpolation {

        private final Map<String, String> variables;
        private final Map<String, String> errors = new LinkedHashMap<>();
        private final Set<String> required = new LinkedHashSet<>();

        Interpolation(Map<String, String> variables) {
            this.variables = variables;
        }

        Object apply(Object value) {
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> result = new LinkedHashMap<>();
                map.forEach((k, v) -> result.put(String.valueOf(k), apply(v)));
                return result;
            }
            if (value instanceof List<?> list) {
                return list.stream().map(this::apply).toList();
            }
            return value instanceof String text ? interpolate(text) : value;
        }

        private String interpolate(String text) {
            Matcher matcher = REFERENCE.matcher(text);
            StringBuilder result = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(result, Matcher.quoteReplacement(replacement(matcher)));
            }
            matcher.appendTail(result);
            return result.toString();
        }

        private String replacement(Matcher matcher) {
            if (matcher.group().equals("$$")) {
                return "$";
            }
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
            String operator = matcher.group(2);
            String argument = matcher.group(3) == null ? "" : matcher.group(3);
            String value = variables.get(name);
            boolean unsetOrEmpty = value == null || value.isEmpty();
            if (operator == null) {
                return value == null ? "" : value;
            }
            switch (operator) {
                case ":-":
                    return unsetOrEmpty ? argument : value;
                case "-":
                    return value == null ? argument : value;
                case ":+":
                    return unsetOrEmpty ? "" : argument;
                case "+":
                    return value == null ? "" : argument;
                case ":?":
                case "?":
                    required.add(name);
                    if (operator.equals(":?") ? unsetOrEmpty : value == null) {
                        errors.put(name, argument);
                        return "";
                    }
                    return value;
                default:
                    throw new IllegalStateException("unknown interpolation " + matcher.group());
            }
        }
    }
}
