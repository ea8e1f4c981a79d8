package com.rxflow.platform.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Size;

/** A chat message no longer than {@value #MAX} characters. Null is valid (combine with {@code @NotBlank}). */
@Documented
@Size(max = MessageLength.MAX)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface MessageLength {

    int MAX = 2000;

    String message() default "must be at most " + MAX + " characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
