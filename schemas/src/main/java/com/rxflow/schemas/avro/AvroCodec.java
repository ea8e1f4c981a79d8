package com.rxflow.schemas.avro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
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

/**
 * Avro single-object encoding (a two-byte marker, the writer schema's 64-bit fingerprint, then
 * the binary datum) of RxFlow's generated types.
 *
 * <p>Decoding looks the fingerprint up among every schema version this module ships and resolves
 * the writer's version to the type's current class, so records written by an older or newer
 * release stay readable. The codec is stateless apart from caches and safe to share.
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

    private static final AvroCodec SHARED = new AvroCodec(ShippedSchemas.all());

    private final SchemaStore.Cache store = new SchemaStore.Cache();
    private final Map<Long, Schema> writers = new ConcurrentHashMap<>();
    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();
    private final Map<String, BinaryMessageDecoder<SpecificRecord>> decoders = new ConcurrentHashMap<>();

    AvroCodec(Map<String, List<Schema>> shipped) {
        shipped.values().forEach(versions -> versions.forEach(this::remember));
        // the current versions too, so a schema changed in development still round-trips before
        // the compatibility test records it as a new version
        ShippedSchemas.ENCODED_TYPES.forEach(type -> remember(SpecificData.get().getSchema(type)));
    }

    /** The codec that knows every schema this module ships. */
    public static AvroCodec shared() {
        return SHARED;
    }

    public byte[] encode(SpecificRecord record) {
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.computeIfAbsent(record.getClass(), type -> {
            remember(record.getSchema());
            return new BinaryMessageEncoder<>(SpecificData.getForSchema(record.getSchema()), record.getSchema());
        });
        try {
            ByteBuffer buffer = encoder.encode(record);
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
            throw new AvroDecodingException("cannot decode a " + writer.getFullName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a record that must be of the given type. */
    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        SpecificRecord record = decode(bytes);
        if (!type.isInstance(record)) {
            throw new AvroDecodingException("expected a " + type.getName() + " but found a "
                    + record.getSchema().getFullName(), null);
        }
        return type.cast(record);
    }

    /** The writer schema named by the record's header. */
    public Schema writerOf(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
            throw new AvroDecodingException("not an Avro single-object encoded record", null);
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = writers.get(fingerprint);
        if (writer == null) {
            throw new AvroDecodingException("unknown schema fingerprint " + Long.toHexString(fingerprint)
                    + " (written by a schema this release does not ship)", null);
        }
        return writer;
    }

    private void remember(Schema schema) {
        store.addSchema(schema);
        writers.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), schema);
    }

    private BinaryMessageDecoder<SpecificRecord> decoderFor(String fullName) {
        Class<?> type;
        try {
            type = Class.forName(fullName, true, AvroCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AvroDecodingException("no generated class for " + fullName, e);
        }
        // the generated class's own model carries its logical-type conversions (timestamps as Instant)
        Schema reader = SpecificData.get().getSchema(type);
        return new BinaryMessageDecoder<>(SpecificData.getForSchema(reader), reader, store);
    }
}
