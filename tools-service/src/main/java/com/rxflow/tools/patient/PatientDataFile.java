package com.rxflow.tools.patient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.core.io.Resource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a patient data file (JSON, snake_case names, see {@code data/patients.json}) into a
 * {@link PatientDirectory}, and refuses a file that lacks anything the tools rely on, naming the
 * file and the field, so a bad data drop stops the service at start-up instead of producing
 * wrong answers later. Unknown fields are ignored, so an export may carry more than we read.
 */
public final class PatientDataFile {

    private static final JsonNames JSON_NAMES = new JsonNames();

    private final JsonMapper mapper;
    private final Validator validator;

    /** @param mapper the application's mapper; its settings are kept, the file's naming added */
    public PatientDataFile(JsonMapper mapper, Validator validator) {
        this.mapper = mapper.rebuild()
                .propertyNamingStrategy(JSON_NAMES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.validator = validator;
    }

    /** @throws IllegalStateException naming the file and what is wrong with it */
    public PatientDirectory load(Resource file) {
        Contents contents = read(file);
        Set<ConstraintViolation<Contents>> violations = validator.validate(contents);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("Patient data file " + file.getDescription() + " is invalid: "
                    + violations.stream().map(PatientDataFile::describe).sorted()
                            .collect(Collectors.joining("; ")));
        }
        try {
            return new InMemoryPatientDirectory(contents.source(), contents.version(), contents.patients());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Patient data file " + file.getDescription() + " is invalid: "
                    + e.getMessage(), e);
        }
    }

    private Contents read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return mapper.readValue(in, Contents.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read patient data file " + file.getDescription(), e);
        } catch (JacksonException e) {
            throw new IllegalStateException("Patient data file " + file.getDescription()
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

    /** The violated field as the file names it, for example {@code patients[0].current_medications[2].strength}. */
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

    /**
     * The file's top level.
     *
     * @param source   provenance: who produced the data
     * @param version  provenance: the version of the data
     * @param patients every patient, each id once
     */
    record Contents(
            @NotBlank String source,
            @NotBlank String version,
            @NotNull List<@NotNull @Valid Patient> patients) {
    }

    /** The file's naming, used both to read it and to name its fields in error messages. */
    private static final class JsonNames extends PropertyNamingStrategies.SnakeCaseStrategy {

        String nameOf(String javaName) {
            return translate(javaName);
        }
    }
}
