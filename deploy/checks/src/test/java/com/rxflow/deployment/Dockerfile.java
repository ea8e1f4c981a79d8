package com.rxflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of the services' Dockerfile, read well enough to check what the image will
 * contain and do: the environment it sets, its user, health check, entry point and copied layers.
 * Only the final stage describes the image; earlier stages only prepare files for it.
 */
final class Dockerfile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

    /** One instruction: its keyword (upper case) and its arguments, continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    private final List<List<Instruction>> stages;

    private Dockerfile(List<List<Instruction>> stages) {
        this.stages = stages;
    }

    static Dockerfile read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(List<String> lines) {
        List<List<Instruction>> stages = new ArrayList<>();
        List<Instruction> current = new ArrayList<>();
        stages.add(current);
        StringBuilder logical = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            String text = logical.toString().strip();
            logical.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            int space = text.indexOf(' ');
            String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : text.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                current = new ArrayList<>();
                stages.add(current);
            }
            current.add(new Instruction(keyword, arguments));
        }
        return new Dockerfile(stages);
    }

    /** The final stage's instructions: the image itself. */
    List<Instruction> image() {
        return stages.get(stages.size() - 1);
    }

    List<Instruction> all(String keyword) {
        return stages.stream().flatMap(List::stream).filter(i -> i.keyword().equals(keyword)).toList();
    }

    List<Instruction> inImage(String keyword) {
        return image().stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The build arguments the file declares, in any stage. */
    List<String> buildArguments() {
        return all("ARG").stream().map(i -> i.arguments().split("=", 2)[0]).distinct().toList();
    }

    /** The environment the image sets, with build arguments and earlier variables substituted. */
    Map<String, String> environment(Map<String, String> buildArguments) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Instruction env : inImage("ENV")) {
            for (String assignment : words(env.arguments())) {
                int equals = assignment.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalStateException("ENV should use KEY=value: " + env.arguments());
                }
                Map<String, String> known = new LinkedHashMap<>(buildArguments);
                known.putAll(environment);
                environment.put(assignment.substring(0, equals), substitute(assignment.substring(equals + 1), known));
            }
        }
        return environment;
    }

    String user() {
        List<Instruction> users = inImage("USER");
        return users.isEmpty() ? "root" : users.get(users.size() - 1).arguments();
    }

    /** The health check's command as the shell will run it, or null without one. */
    String healthCheckCommand() {
        List<Instruction> checks = inImage("HEALTHCHECK");
        if (checks.isEmpty()) {
            return null;
        }
        String arguments = checks.get(checks.size() - 1).arguments();
        int cmd = arguments.indexOf("CMD ");
        return cmd < 0 ? null : arguments.substring(cmd + 4).strip();
    }

    /** The entry point's exec-form words. */
    List<String> entrypoint() {
        List<Instruction> entrypoints = inImage("ENTRYPOINT");
        if (entrypoints.isEmpty()) {
            return List.of();
        }
        String json = entrypoints.get(entrypoints.size() - 1).arguments();
        if (!json.startsWith("[")) {
            throw new IllegalStateException("ENTRYPOINT should use the exec form (a JSON array): " + json);
        }
        List<String> words = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        while (quoted.find()) {
            words.add(quoted.group(1));
        }
        return words;
    }

    /** Shell-like split on blanks, keeping quoted parts together and dropping the quotes. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    static String substitute(String text, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            matcher.appendReplacement(result, Matcher.quoteReplacement(variables.getOrDefault(name, "")));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
