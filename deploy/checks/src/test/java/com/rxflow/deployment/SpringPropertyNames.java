package com.rxflow.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Which configuration properties exist, from the sources Spring itself uses: Spring Boot's
 * configuration metadata (every {@code spring.*}, {@code server.*}, {@code management.*}
 * property), and in RxFlow's code the {@code @ConfigurationProperties} types and the
 * {@code @Value} expressions. An environment variable a deployment sets must bind to one of them.
 */
final class SpringPropertyNames {

    private static final Metadata BOOT = loadBootMetadata();
    private static final Map<List<String>, List<Class<?>>> CLASSES = new ConcurrentHashMap<>();

    private SpringPropertyNames() {
    }

    /** True for a property Spring Boot documents, or any key below a documented map property. */
    static boolean isBootProperty(ConfigurationPropertyName name) {
        return BOOT.names().contains(name) || BOOT.mapPrefixes().stream().anyMatch(p -> p.isAncestorOf(name));
    }

    /** The {@code @ConfigurationProperties} types in these packages, by prefix. */
    static Map<String, Class<?>> configurationPropertiesTypes(List<String> packages) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (Class<?> type : classes(packages)) {
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            if (annotation != null) {
                types.put(annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix(), type);
            }
        }
        return types;
    }

    /** Every property key named in an {@code @Value} expression of a class in these packages. */
    static Set<String> valueKeys(List<String> packages) {
        Set<String> keys = new HashSet<>();
        for (Class<?> type : classes(packages)) {
            for (Field field : type.getDeclaredFields()) {
                addValueKeys(field.getAnnotations(), keys);
            }
            List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
            executables.addAll(List.of(type.getDeclaredMethods()));
            for (Executable executable : executables) {
                addValueKeys(executable.getAnnotations(), keys);
                for (Parameter parameter : executable.getParameters()) {
                    addValueKeys(parameter.getAnnotations(), keys);
                }
            }
        }
        return keys;
    }

    /** The keys of {@code ${key:default}} placeholders in text, nested defaults included. */
    static Set<String> placeholderKeys(String text) {
        Set<String> keys = new HashSet<>();
        int start = text.indexOf("${");
        while (start >= 0) {
            int depth = 0;
            int keyEnd = -1;
            int end = -1;
            for (int i = start + 2; i < text.length() && end < 0; i++) {
                if (text.startsWith("${", i)) {
                    depth++;
                    i++;
                } else if (text.charAt(i) == '}') {
                    if (depth == 0) {
                        end = i;
                    } else {
                        depth--;
                    }
                } else if (text.charAt(i) == ':' && depth == 0 && keyEnd < 0) {
                    keyEnd = i;
                }
            }
            if (end < 0) {
                break;
            }
            keys.add(text.substring(start + 2, keyEnd < 0 ? end : keyEnd));
            if (keyEnd >= 0) {
                keys.addAll(placeholderKeys(text.substring(keyEnd + 1, end)));
            }
            start = text.indexOf("${", end);
        }
        return keys;
    }

    private static void addValueKeys(Annotation[] annotations, Set<String> keys) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof Value value) {
                keys.addAll(placeholderKeys(value.value()));
            }
        }
    }

    private static List<Class<?>> classes(List<String> packages) {
        return CLASSES.computeIfAbsent(List.copyOf(packages), SpringPropertyNames::scan);
    }

    private static List<Class<?>> scan(List<String> packages) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        MetadataReaderFactory readers = new CachingMetadataReaderFactory(resolver);
        List<Class<?>> classes = new ArrayList<>();
        try {
            for (String pkg : packages) {
                for (Resource resource : resolver.getResources("classpath*:" + pkg.replace('.', '/') + "/**/*.class")) {
                    String className = readers.getMetadataReader(resource).getClassMetadata().getClassName();
                    classes.add(Class.forName(className, false, SpringPropertyNames.class.getClassLoader()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }

    private record Metadata(Set<ConfigurationPropertyName> names, Set<ConfigurationPropertyName> mapPrefixes) {
    }

    private static Metadata loadBootMetadata() {
        Set<ConfigurationPropertyName> names = new HashSet<>();
        Set<ConfigurationPropertyName> mapPrefixes = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/spring-configuration-metadata.json");
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property.path("name").asText(), '.');
                        names.add(name);
                        if (property.path("type").asText().startsWith("java.util.Map<")) {
                            mapPrefixes.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no Spring Boot configuration metadata on the classpath");
        }
        return new Metadata(Set.copyOf(names), Set.copyOf(mapPrefixes));
    }
}
