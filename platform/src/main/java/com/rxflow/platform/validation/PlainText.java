package com.rxflow.platform.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text a person could have typed: no control characters except tab, line feed and carriage return.
 * Control characters have no place in a chat message and are a classic way to smuggle terminal
 * escapes or NUL bytes into logs and downstream systems. Null is valid.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default "must not contain control characters (only tab and line breaks are allowed)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks every code point; tab, line feed and carriage return are the allowed exceptions. */
    class Validator implements ConstraintValidator<PlainText, CharSequence> {

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || value.codePoints().noneMatch(Validator::forbidden);
        }

        private static boolean forbidden(int codePoint) {
            return Character.getType(codePoint) == Character.CONTROL
                    && codePoint != '\t' && codePoint != '\n' && codePoint != '\r';
        }
    }
}
