package com.rxflow.gateway.auth;

/** A channel client asserted a patient outside the patients it is configured to serve. */
public class PatientNotAllowedException extends RuntimeException {

    public PatientNotAllowedException(String message) {
        super(message);
    }
}
