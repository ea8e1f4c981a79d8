package com.rxflow.gateway.validation;

import java.lang.annotation.Annotation;
import java.util.Map;

import jakarta.validation.metadata.ConstraintDescriptor;

import com.rxflow.gateway.problem.ProblemType;
import com.rxflow.platform.validation.MessageLength;
import com.rxflow.platform.validation.PatientId;
import com.rxflow.platform.validation.PlainText;

/**
 * Which problem type a violated constraint is reported as, so a client can tell "message too long"
 * from "control characters" by the {@code type} alone. The gateway's own constraints each have a
 * type; any other constraint is reported as {@link ProblemType#VALIDATION}.
 */
public final class ConstraintProblems {

    private static final Map<Class<? extends Annotation>, ProblemType> TYPES = Map.of(
            PatientId.class, ProblemType.INVALID_PATIENT_ID,
            MessageLength.class, ProblemType.MESSAGE_TOO_LONG,
            PlainText.class, ProblemType.CONTROL_CHARACTERS);

    private ConstraintProblems() {
    }

    public static ProblemType typeOf(ConstraintDescriptor<?> constraint) {
        return TYPES.getOrDefault(constraint.getAnnotation().annotationType(), ProblemType.VALIDATION);
    }
}
