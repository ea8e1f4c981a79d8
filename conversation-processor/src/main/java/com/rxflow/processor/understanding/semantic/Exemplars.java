package com.rxflow.processor.understanding.semantic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads labelled messages from tab-separated files: {@code LABEL TAGS TEXT} (the safety set) or
 * {@code LABEL DETAIL TAGS TEXT} (the intent set). Lines starting with # are comments.
 */
public final class Exemplars {

    private Exemplars() {
    }

    public static List<Exemplar> resource(String name) {
        try (InputStream in = Exemplars.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList(), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Exemplar> parse(List<String> lines, String source) {
        List<Exemplar> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length == 3) {
                out.add(new Exemplar(f[0].strip(), null, f[1].strip(), f[2].strip()));
            } else if (f.length == 4) {
                out.add(new Exemplar(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip()));
            } else {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 3 or 4 tab-separated fields");
            }
        }
        return out;
    }
}
