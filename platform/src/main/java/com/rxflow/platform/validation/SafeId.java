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
 * An id a channel chooses (a message id, a conversation id, a channel client's id) that is safe
 * inside RxFlow's composite keys: 1 to 64 letters, digits, {@code _ . : -}. The separators of
 * the timer indexes and stores ({@code |}, {@code #}, the range bound {@code }}), whitespace and
 * control characters are refused, so an id can never split into two fields of a key or sort
 * outside its own range. Null is valid (combine with {@code @NotNull}).
 */
@Documented
@Pattern(regexp = SafeId.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeId {

    String PATTERN = "^[A-Za-z0-9_.:-]{1,64}$";

    String message() default "must be 1 to 64 letters, digits, '_', '.', ':' or '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
