package com.rxflow.schemas.avro;

/** A record's bytes are not a readable RxFlow record; the message says why. */
public class AvroDecodingException extends RuntimeException {

    public AvroDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
