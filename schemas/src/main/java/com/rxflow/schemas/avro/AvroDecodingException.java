package com.rxflow.schemas.avro;

/** A record's bytes are not a readable RxFlow record; the message says why, the reason in a word. */
public class AvroDecodingException extends RuntimeException {

    private final DecodingFailure reason;

    public AvroDecodingException(DecodingFailure reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public AvroDecodingException(String message, Throwable cause) {
        this(DecodingFailure.UNREADABLE_DATUM, message, cause);
    }

    /** Why the record could not be read. */
    public DecodingFailure reason() {
        return reason;
    }
}
