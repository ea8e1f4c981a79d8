package com.rxflow.processor.understanding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The drug words the offline interpreter knows, read once from a small text file in the
 * processor's resources (never from seed data written into code): generic names, brand names,
 * condition phrases and common misspellings. The patient's own medication list, from the tools,
 * is added per message by the interpreter.
 */
public final class DrugVocabulary {

    static final String RESOURCE = "/com/rxflow/processor/understanding/drug-vocabulary.txt";

    private final List<Drug> drugs;

    private DrugVocabulary(List<Drug> drugs) {
        this.drugs = List.copyOf(drugs);
    }

    /** One drug of the vocabulary. */
    public record Drug(String generic, List<String> brands, List<String> conditions, List<String> misspellings) {

        public Drug {
            brands = List.copyOf(brands);
            conditions = List.copyOf(conditions);
            misspellings = List.copyOf(misspellings);
        }

        boolean isNamed(String name) {
            return generic.equals(name) || brands.contains(name);
        }
    }

    public static DrugVocabulary bundled() {
        try (InputStream in = DrugVocabulary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DrugVocabulary parse(List<String> lines) {
        List<Drug> drugs = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\|", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("a vocabulary line needs 4 fields: " + line);
            }
            drugs.add(new Drug(parts[0].strip().toLowerCase(Locale.ROOT), list(parts[1]), list(parts[2]),
                    list(parts[3])));
        }
        return new DrugVocabulary(drugs);
    }

    private static List<String> list(String field) {
        return Arrays.stream(field.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).toList();
    }

    public List<Drug> drugs() {
        return drugs;
    }

    /** The vocabulary entry a name (generic or brand) belongs to, or null. */
    public Drug byName(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return drugs.stream().filter(d -> d.isNamed(lower)).findFirst().orElse(null);
    }
}
