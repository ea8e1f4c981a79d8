package com.rxflow.schemas.avro;

/** Why a record's bytes could not be read: the typed reason its dead letter carries. */
public enum DecodingFailure {
    /** The bytes are not Avro single-object encoded (no marker, too short). */
    NOT_SINGLE_OBJECT,
    /**
     * The writer's schema fingerprint is neither shipped by this release nor found in the run-time
     * schema store within the bounded wait.
     */
    UNKNOWN_WRITER_SCHEMA,
    /** The writer's schema names a type this release has no generated class for. */
    UNKNOWN_TYPE,
    /** The datum does not decode with its writer's schema, or does not resolve to the reader's. */
    UNREADABLE_DATUM,
    /** A readable record of another type than the one expected where it was found. */
    UNEXPECTED_TYPE
}
