package com.rxflow.load.chaos;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.rxflow.launcher.RxflowServices;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How many instances of each service {@code rxflow chaos} runs, from {@code --instances}, for
 * example {@code processor=3,tools=2,gateway=2,escalation=2}: a service left out runs once; the
 * short names and the services' own names are both understood. auth-server always runs once (the
 * chaos patients sign in with channel assertions, not through it).
 */
record InstancePlan(Map<String, Integer> counts) {

    /** The services the harness may run several of, kill and scale, in a fixed order. */
    static final List<String> SCALABLE = List.of(RxflowServices.PROCESSOR, RxflowServices.TOOLS,
            RxflowServices.ESCALATION, RxflowServices.GATEWAY);
    /** The Kafka Streams services: their tasks move between instances, and they may keep standby replicas. */
    static final List<String> STREAMS = List.of(RxflowServices.PROCESSOR, RxflowServices.ESCALATION);
    static final int MAX_INSTANCES = 5;

    private static final Map<String, String> SHORT_NAMES = Map.of("processor", RxflowServices.PROCESSOR,
            "tools", RxflowServices.TOOLS, "escalation", RxflowServices.ESCALATION, "gateway", RxflowServices.GATEWAY);

    InstancePlan {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** One instance of each service: the harness as it always ran. */
    static InstancePlan single() {
        return parse("");
    }

    /**
     * Reads {@code NAME=COUNT[,NAME=COUNT...]}.
     *
     * @throws IllegalArgumentException naming what is wrong: an unknown service, a count that is not
     *                                  1 to {@value #MAX_INSTANCES}, a service given twice
     */
    static InstancePlan parse(String text) {
        Map<String, Integer> given = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] pair = part.split("=", -1);
            if (pair.length != 2) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not NAME=COUNT");
            }
            String name = serviceNamed(pair[0].strip());
            int count;
            try {
                count = Integer.parseInt(pair[1].strip());
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > MAX_INSTANCES) {
                throw new IllegalArgumentException(name + ": the count must be 1 to " + MAX_INSTANCES + ", not '"
                        + pair[1].strip() + "'");
            }
            if (given.put(name, count) != null) {
                throw new IllegalArgumentException(name + " is given twice");
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        SCALABLE.forEach(service -> counts.put(service, given.getOrDefault(service, 1)));
        return new InstancePlan(counts);
    }

    private static String serviceNamed(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (SHORT_NAMES.containsKey(key)) {
            return SHORT_NAMES.get(key);
        }
        if (SCALABLE.contains(key)) {
            return key;
        }
        throw new IllegalArgumentException("no service '" + name + "' to run several of; the services are "
                + String.join(", ", SHORT_NAMES.keySet().stream().sorted().toList()));
    }

    int count(String service) {
        return counts.getOrDefault(service, 1);
    }

    /** True when some service runs more than once. */
    boolean several() {
        return counts.values().stream().anyMatch(count -> count > 1);
    }

    /** {@code processor=3,tools=2,...}, as {@code --instances} takes it. */
    @Override
    public String toString() {
        return counts.entrySet().stream()
                .map(entry -> SHORT_NAMES.entrySet().stream().filter(s -> s.getValue().equals(entry.getKey()))
                        .map(Map.Entry::getKey).findFirst().orElse(entry.getKey()) + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    /** picocli's converter for {@code --instances}: a wrong value is a usage error that says what is wrong. */
    static final class Converter implements ITypeConverter<InstancePlan> {
        @Override
        public InstancePlan convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
