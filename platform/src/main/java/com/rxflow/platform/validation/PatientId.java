package com.rxflow.platform.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * A patient id as the reference's input rules define it (with the underscore its demo ids use):
 * 1 to 20 letters, digits or underscores. Null is valid (combine with {@code @NotNull}).
 */
@Documented
@Pattern(regexp = PatientId.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PatientId {

    String PATTERN = "^[A-Za-z0-9_]{1,20}$";

    String message() default "must be 1 to 20 letters, digits or underscores";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
