package com.rxflow.escalation.api;

/** An Idempotency-Key header that is not 1 to 100 letters, digits or {@code . _ : -}. */
class InvalidIdempotencyKeyException extends RuntimeException {

    InvalidIdempotencyKeyException() {
        super("Idempotency-Key must be 1 to 100 letters, digits or . _ : -");
    }
}
