package com.rxflow.processor.understanding.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A file of word rules that people who are not programmers can review: one rule a line, {@code kind
 * LABEL: regex} (or {@code kind: regex} without a label), {@code @define NAME: alternation} for
 * words used in several rules ({NAME} in a regex), {@code @name: word word ...} for word lists,
 * and # comments. Every regex matches whole words of a normalised message. A line that cannot be
 * read fails with the file's name and the line's number.
 */
public final class RuleFile {

    private static final Pattern DEFINE = Pattern.compile("^@define ([A-Z]+): (.+)$");
    private static final Pattern LIST = Pattern.compile("^@([a-z]+): (.+)$");
    private static final Pattern RULE = Pattern.compile("^([a-z]+)(?: ([A-Z_]+))?: (.+)$");
    private static final Pattern REFERENCE = Pattern.compile("\\{([A-Z]+)}");

    /**
     * One rule.
     *
     * @param kind    the first word of the line
     * @param label   the label after it, or null
     * @param pattern the compiled regex, wrapped in word boundaries
     * @param source  the regex with its definitions expanded
     * @param line    its line in the file
     */
    public record Rule(String kind, String label, Pattern pattern, String source, int line) {
    }

    private final String name;
    private final List<Rule> rules;
    private final Map<String, Set<String>> lists;

    private RuleFile(String name, List<Rule> rules, Map<String, Set<String>> lists) {
        this.name = name;
        this.rules = List.copyOf(rules);
        this.lists = Map.copyOf(lists);
    }

    /** Reads a rule file from the class path. */
    public static RuleFile resource(String resource) {
        try (InputStream in = RuleFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return parse(name, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RuleFile parse(String name, List<String> lines) {
        Map<String, String> defines = new HashMap<>();
        Map<String, Set<String>> lists = new HashMap<>();
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher define = DEFINE.matcher(line);
            if (define.matches()) {
                defines.put(define.group(1), define.group(2));
                continue;
            }
            Matcher list = LIST.matcher(line);
            if (list.matches()) {
                lists.computeIfAbsent(list.group(1), k -> new LinkedHashSet<>()).addAll(List.of(list.group(2).split("\\s+")));
                continue;
            }
            Matcher rule = RULE.matcher(line);
            if (!rule.matches()) {
                throw new IllegalArgumentException(name + " line " + number + ": not a rule: " + line);
            }
            String source = expand(rule.group(3), defines, name, number, 0);
            try {
                rules.add(new Rule(rule.group(1), rule.group(2),
                        Pattern.compile("(?<![a-z0-9])(?:" + source + ")(?![a-z0-9])"), source, number));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(name + " line " + number + ": " + e.getDescription(), e);
            }
        }
        return new RuleFile(name, rules, lists);
    }

    private static String expand(String source, Map<String, String> defines, String name, int line, int depth) {
        if (depth > 4) {
            throw new IllegalArgumentException(name + " line " + line + ": definitions nest too deep");
        }
        Matcher reference = REFERENCE.matcher(source);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            String body = defines.get(reference.group(1));
            if (body == null) {
                throw new IllegalArgumentException(name + " line " + line + ": undefined {" + reference.group(1) + "}");
            }
            reference.appendReplacement(out, Matcher.quoteReplacement("(?:" + expand(body, defines, name, line, depth + 1) + ")"));
        }
        reference.appendTail(out);
        return out.toString();
    }

    public String name() {
        return name;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The words of an {@code @name:} list, empty when the file has none. */
    public Set<String> list(String listName) {
        return lists.getOrDefault(listName, Set.of());
    }

    /** Every plain word of three letters or more the rules are written with. */
    public Set<String> literalWords() {
        Set<String> literal = new LinkedHashSet<>();
        for (Rule rule : rules) {
            for (String word : rule.source().replaceAll("\\\\[a-z]", " ").split("[^a-z]+")) {
                if (word.length() >= 3) {
                    literal.add(word);
                }
            }
        }
        return literal;
    }
}
