package com.rxflow.gateway.auth;

/** The request carries no API key, or one no configured client has. */
public class UnauthorizedException extends RuntimeException {

    public UnauthorizedException(String message) {
        super(message);
    }
}
