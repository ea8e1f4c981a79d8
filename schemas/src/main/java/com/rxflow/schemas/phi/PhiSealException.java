package com.rxflow.schemas.phi;

/** A sealed PHI value that does not open with its patient's key: altered, or moved from elsewhere. */
public class PhiSealException extends RuntimeException {

    public PhiSealException(String message, Throwable cause) {
        super(message, cause);
    }
}
