package com.rxflow.tools.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import org.springframework.core.io.Resource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one bundled data file (JSON, snake_case names) into its record type and refuses a file
 * that lacks anything the tools rely on, naming the file and the field, so a bad data drop stops
 * the service at start-up instead of producing wrong answers later. Unknown fields are ignored,
 * so an export may carry more than we read.
 */
public final class DataFile {

    private static final JsonNames JSON_NAMES = new JsonNames();

    private final JsonMapper mapper;
    private final Validator validator;

    /** @param mapper the application's mapper; its settings are kept, the files' naming added */
    public DataFile(JsonMapper mapper, Validator validator) {
        this.mapper = mapper.rebuild()
                .propertyNamingStrategy(JSON_NAMES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.validator = validator;
    }

    /** @throws IllegalStateException naming the file and what is wrong with it */
    public <T> T read(Resource file, Class<T> type) {
        T contents = parse(file, type);
        Set<ConstraintViolation<T>> violations = validator.validate(contents);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("Data file " + file.getDescription() + " is invalid: "
                    + violations.stream().map(DataFile::describe).sorted().collect(Collectors.joining("; ")));
        }
        return contents;
    }

    /** A problem found across records or files, reported like a field violation. */
    public static IllegalStateException invalid(Resource file, String field, String problem) {
        return new IllegalStateException("Data file " + file.getDescription() + " is invalid: " + field + " " + problem);
    }

    /** The JSON name of a record component, for messages about cross-file problems. */
    public static String jsonName(String javaName) {
        return JSON_NAMES.nameOf(javaName);
    }

    private <T> T parse(Resource file, Class<T> type) {
        try (InputStream in = file.getInputStream()) {
            T value = mapper.readValue(in, type);
            if (value == null) {
                throw new IllegalStateException("Data file " + file.getDescription() + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read data file " + file.getDescription(), e);
        } catch (JacksonException e) {
            throw new IllegalStateException("Data file " + file.getDescription()
                    + " is not JSON of the expected shape at " + jsonPath(e) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Where in the file reading stopped, for example {@code patients[1].date_of_birth}. */
    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the top level" : path.toString();
    }

    /** The violated field as the file names it, for example {@code patients[0].medications[2].strength}. */
    private static String describe(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable()) {
                path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                path.append(path.isEmpty() ? "" : ".").append(JSON_NAMES.nameOf(node.getName()));
            }
        }
        return path + " " + violation.getMessage();
    }

    /** The files' naming, used both to read them and to name their fields in error messages. */
    private static final class JsonNames extends PropertyNamingStrategies.SnakeCaseStrategy {

        String nameOf(String javaName) {
            return translate(javaName);
        }
    }
}
