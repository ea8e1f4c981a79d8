package com.rxflow.schemas.avro;

import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * A schema store shared by every RxFlow service at run time: writers {@link #publish} each writer
 * schema before its first record, and a reader that meets a fingerprint it does not ship finds the
 * writer's schema through Avro's {@link SchemaStore#findByFingerprint}, which waits a bounded time
 * for it and returns {@code null} when it does not appear.
 */
public interface PublishingSchemaStore extends SchemaStore {

    /** Makes the schema findable by its fingerprint; returns once it is stored. */
    void publish(Schema schema);
}
