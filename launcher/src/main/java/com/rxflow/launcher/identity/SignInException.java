package com.rxflow.launcher.identity;

import java.io.IOException;

/** The identity provider was reached but gave no token: a wrong password, a denied or expired code. */
public final class SignInException extends IOException {

    private static final long serialVersionUID = 1L;

    SignInException(String message) {
        super(message);
    }
}
