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

/** The name of the channel a patient uses ({@code web}, {@code sms}): 1 to 32 letters, digits, '_' or '-'. Null is valid. */
@Documented
@Pattern(regexp = ChannelName.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ChannelName {

    String PATTERN = "^[A-Za-z0-9_-]{1,32}$";

    String message() default "must be 1 to 32 letters, digits, '_' or '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
