package com.rxflow.platform.validation;

import java.lang.annotation.Annotation;
import java.util.Map;

import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Why a channel's input was refused, one constant per rule of the shared rule set (the gateway
 * reports the same rules as problem types). The dead letter of a refused patient-messages record
 * carries it in {@code rxflow-dlt-reason-code}. When a record breaks several rules the first
 * constant here is reported (all of them are in the reason text).
 */
public enum InputViolation {
    /** The record's key is not the conversation id its metadata names. */
    KEY_MISMATCH,
    /** A conversation, message or client id that would corrupt a key: {@link SafeId}. */
    UNSAFE_ID,
    /** A patient id outside {@link PatientId}. */
    INVALID_PATIENT_ID,
    /** A channel name outside {@link ChannelName}. */
    INVALID_CHANNEL,
    /** A field the kind of record needs is missing or blank. */
    MISSING_FIELD,
    /** Text longer than {@link MessageLength#MAX} characters. */
    MESSAGE_TOO_LONG,
    /** Text with control characters other than tab and line breaks: {@link PlainText}. */
    CONTROL_CHARACTERS,
    /** Another constraint of the rule set, without a constant of its own. */
    INVALID;

    private static final Map<Class<? extends Annotation>, InputViolation> BY_CONSTRAINT = Map.of(
            SafeId.class, UNSAFE_ID,
            PatientId.class, INVALID_PATIENT_ID,
            ChannelName.class, INVALID_CHANNEL,
            NotNull.class, MISSING_FIELD,
            NotBlank.class, MISSING_FIELD,
            MessageLength.class, MESSAGE_TOO_LONG,
            PlainText.class, CONTROL_CHARACTERS);

    /** The violation a broken constraint of the shared rule set stands for. */
    public static InputViolation of(ConstraintDescriptor<?> constraint) {
        return BY_CONSTRAINT.getOrDefault(constraint.getAnnotation().annotationType(), INVALID);
    }
}
