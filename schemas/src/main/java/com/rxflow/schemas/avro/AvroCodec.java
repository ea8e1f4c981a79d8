package com.rxflow.schemas.avro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avro single-object encoding (a two-byte marker, the writer schema's 64-bit fingerprint, then
 * the binary datum) of RxFlow's generated types.
 *
 * <p>Decoding looks the fingerprint up among every schema version this module ships and resolves
 * the writer's version to the type's current class, so records written by an older or newer
 * release stay readable. A fingerprint it does not ship (a newer release's writer during a rolling
 * upgrade) is looked up in the codec's run-time schema store, when it has one
 * ({@link #withStore(PublishingSchemaStore)}), to which every writer schema is published before its
 * first record.
 *
 * <p>{@link #shared()} knows the shipped schemas only and has no store: it holds nothing but caches
 * and is safe to share by any code in the process. A codec with a store belongs to one application
 * context (one service instance, one broker): it is handed to that context's serializers and
 * deserializers through their configuration ({@link #CONFIG}, read by {@link #configuredBy(Map)}), never
 * made process-wide, so two contexts in one JVM (tests with cached contexts, each on its own broker)
 * never use each other's store.
 */
public final class AvroCodec {

    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = 10;
    static {
        // Avro 1.12 refuses to instantiate classes outside its trusted packages unless told otherwise.
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(),
                type -> type.getName().startsWith("com.rxflow.")));
    }

    /**
     * The serializer and deserializer configuration key whose value is the {@code AvroCodec} to use
     * (an object value, set programmatically); without it they use {@link #shared()}.
     */
    public static final String CONFIG = "rxflow.avro.codec";

    private static final AvroCodec SHARED = new AvroCodec(ShippedSchemas.all(), null);
    private static final Logger LOG = LoggerFactory.getLogger(AvroCodec.class);
    private static final java.time.Duration PUBLISH_RETRY = java.time.Duration.ofSeconds(30);

    private final SchemaStore.Cache store = new SchemaStore.Cache();
    private final Map<Long, Schema> writers = new ConcurrentHashMap<>();
    /**
     * Each record class's encoder and writer-schema fingerprint, made once: the parsing form of a
     * schema is rebuilt to fingerprint it, which cost some 10 % of the embedded stack's CPU when it was
     * done for every record encoded (docs/performance.md).
     */
    private final Map<Class<?>, Writer> writersByClass = new ConcurrentHashMap<>();
    private final Map<String, BinaryMessageDecoder<SpecificRecord>> decoders = new ConcurrentHashMap<>();
    /** The run-time store, or {@code null}. */
    private final PublishingSchemaStore runtime;
    /** Fingerprints of the writer schemas published to the store. */
    private final Set<Long> published = ConcurrentHashMap.newKeySet();
    /** When a schema whose publication failed is tried again, by fingerprint (System.nanoTime). */
    private final Map<Long, Long> retryAt = new ConcurrentHashMap<>();

    AvroCodec(Map<String, List<Schema>> shipped, PublishingSchemaStore runtime) {
        this.runtime = runtime;
        shipped.values().forEach(versions -> versions.forEach(this::remember));
        // the current versions too, so a schema changed in development still round-trips before
        // the compatibility test records it as a new version
        ShippedSchemas.ENCODED_TYPES.forEach(type -> remember(SpecificData.get().getSchema(type)));
    }

    /** The codec that knows every schema this module ships. */
    public static AvroCodec shared() {
        return SHARED;
    }

    /**
     * A codec of its own that knows the shipped schemas, publishes every writer schema to the store
     * before its first record, and looks fingerprints this release does not ship up in it. Its
     * owner (the application context that made the store) closes the store; the codec is then
     * dropped with the context.
     */
    public static AvroCodec withStore(PublishingSchemaStore store) {
        return new AvroCodec(ShippedSchemas.all(), Objects.requireNonNull(store, "store"));
    }

    /**
     * The codec named by a serializer's or deserializer's configuration under {@link #CONFIG}, or
     * {@link #shared()} when there is none.
     *
     * @throws IllegalArgumentException when the value under {@link #CONFIG} is not an {@code AvroCodec}
     */
    public static AvroCodec configuredBy(Map<String, ?> configs) {
        Object value = configs == null ? null : configs.get(CONFIG);
        if (value == null) {
            return SHARED;
        }
        if (value instanceof AvroCodec codec) {
            return codec;
        }
        throw new IllegalArgumentException(CONFIG + " must be an " + AvroCodec.class.getName() + " instance, not a "
                + value.getClass().getName());
    }

    /** The run-time store this codec publishes to and looks up in, if it has one. */
    public Optional<PublishingSchemaStore> store() {
        return Optional.ofNullable(runtime);
    }

    public byte[] encode(SpecificRecord record) {
        Writer writer = writersByClass.computeIfAbsent(record.getClass(), type -> new Writer(
                new BinaryMessageEncoder<>(SpecificData.getForSchema(record.getSchema()), record.getSchema()),
                remember(record.getSchema())));
        if (runtime != null) {
            publishBeforeFirstUse(record.getSchema(), writer.fingerprint());
        }
        try {
            ByteBuffer buffer = writer.encoder().encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
        }
    }

    /** Decodes a record written with any shipped version of its schema into its current class. */
    public SpecificRecord decode(byte[] bytes) {
        Schema writer = writerOf(bytes);
        BinaryMessageDecoder<SpecificRecord> decoder = decoders.computeIfAbsent(writer.getFullName(), this::decoderFor);
        try {
            return decoder.decode(bytes);
        } catch (IOException | AvroRuntimeException e) {
            throw new AvroDecodingException(DecodingFailure.UNREADABLE_DATUM,
                    "cannot decode a " + writer.getFullName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a record that must be of the given type. */
    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        SpecificRecord record = decode(bytes);
        if (!type.isInstance(record)) {
            throw new AvroDecodingException(DecodingFailure.UNEXPECTED_TYPE, "expected a " + type.getName() + " but found a "
                    + record.getSchema().getFullName(), null);
        }
        return type.cast(record);
    }

    /**
     * The writer schema named by the record's header: a shipped one, or one found in this codec's
     * run-time store (which waits a bounded time for it).
     */
    public Schema writerOf(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
            throw new AvroDecodingException(DecodingFailure.NOT_SINGLE_OBJECT,
                    "not an Avro single-object encoded record", null);
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = writers.get(fingerprint);
        if (writer == null) {
            writer = fromRuntimeStore(fingerprint);
        }
        if (writer == null) {
            throw new AvroDecodingException(DecodingFailure.UNKNOWN_WRITER_SCHEMA,
                    "unknown schema fingerprint " + Long.toHexString(fingerprint)
                    + " (written by a schema this release does not ship"
                    + (runtime == null ? ", and this codec has no schema store)" : ", not found in the schema store)"),
                    null);
        }
        return writer;
    }

    private Schema fromRuntimeStore(long fingerprint) {
        if (runtime == null) {
            return null;
        }
        Schema found = runtime.findByFingerprint(fingerprint);
        if (found == null || SchemaNormalization.parsingFingerprint64(found) != fingerprint) {
            return null;
        }
        remember(found);
        return found;
    }

    private void publishBeforeFirstUse(Schema schema, long fingerprint) {
        Long retry = retryAt.get(fingerprint);
        if (published.contains(fingerprint) || retry != null && retry - System.nanoTime() > 0) {
            return;
        }
        try {
            runtime.publish(schema);
            published.add(fingerprint);
            retryAt.remove(fingerprint);
        } catch (RuntimeException e) {
            retryAt.put(fingerprint, System.nanoTime() + PUBLISH_RETRY.toNanos());
            // the record is still written: a reader that ships this schema reads it, and one that
            // does not dead-letters it with UNKNOWN_WRITER_SCHEMA, as without a store; the next
            // record of this schema after PUBLISH_RETRY tries again
            LOG.warn("could not publish the schema of {} ({}) to the schema store, so its records are written without"
                    + " it: a reader that does not ship this schema dead-letters them with UNKNOWN_WRITER_SCHEMA;"
                    + " publication is tried again in {}: {}", schema.getFullName(), Long.toHexString(fingerprint),
                    PUBLISH_RETRY, e.toString());
        }
    }

    /** Makes the schema known to decoding; returns its fingerprint. */
    private long remember(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        store.addSchema(schema);
        writers.putIfAbsent(fingerprint, schema);
        return fingerprint;
    }

    private BinaryMessageDecoder<SpecificRecord> decoderFor(String fullName) {
        Class<?> type;
        try {
            type = Class.forName(fullName, true, AvroCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AvroDecodingException(DecodingFailure.UNKNOWN_TYPE, "no generated class for " + fullName, e);
        }
        // the generated class's own model carries its logical-type conversions (timestamps as Instant)
        Schema reader = SpecificData.get().getSchema(type);
        return new BinaryMessageDecoder<>(SpecificData.getForSchema(reader), reader, store);
    }

    /** How records of one class are written: its encoder and its writer schema's fingerprint. */
    private record Writer(BinaryMessageEncoder<SpecificRecord> encoder, long fingerprint) {
    }
}
