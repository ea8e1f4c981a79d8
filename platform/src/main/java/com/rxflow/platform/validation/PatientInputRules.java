package com.rxflow.platform.validation;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import com.rxflow.events.patient.PatientEvent;

/**
 * Checks a record of the patient messages topic against the shared rule set ({@link PatientInput})
 * with Bean Validation, as the gateway checks its HTTP requests. A channel that speaks Kafka writes
 * the topic directly, so the processor checks what it reads before it decides anything.
 */
public final class PatientInputRules {

    private static final class Defaults {
        private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    }

    private final Validator validator;

    /** @param validator the application's Bean Validation validator (Spring Boot's, in a service) */
    public PatientInputRules(Validator validator) {
        this.validator = validator;
    }

    /** With a validator of the default Bean Validation provider, for tests and tools. */
    public static PatientInputRules defaults() {
        return new PatientInputRules(Defaults.FACTORY.getValidator());
    }

    /**
     * @throws InvalidInputException naming the first {@link InputViolation} and every broken rule,
     *                               when the record breaks one
     */
    public void check(String key, PatientEvent event) {
        if (event.getMetadata() != null && key != null && !key.equals(event.getMetadata().getConversationId())) {
            throw new InvalidInputException(InputViolation.KEY_MISMATCH, "record key " + key
                    + " differs from its conversation id " + event.getMetadata().getConversationId());
        }
        Set<ConstraintViolation<PatientInput>> violations = validator.validate(PatientInput.of(key, event));
        if (violations.isEmpty()) {
            return;
        }
        List<ConstraintViolation<PatientInput>> ordered = violations.stream()
                .sorted(Comparator.comparing((ConstraintViolation<PatientInput> v) ->
                        InputViolation.of(v.getConstraintDescriptor())).thenComparing(v -> v.getPropertyPath().toString()))
                .toList();
        // the rule and the field, never the value: the value may be a patient's words
        String reasons = ordered.stream().map(v -> v.getPropertyPath() + " " + v.getMessage())
                .collect(Collectors.joining("; "));
        throw new InvalidInputException(InputViolation.of(ordered.get(0).getConstraintDescriptor()), reasons);
    }
}
