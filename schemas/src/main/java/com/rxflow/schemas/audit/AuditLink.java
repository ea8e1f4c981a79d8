package com.rxflow.schemas.audit;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.avro.AvroDecodingException;

/**
 * An {@code AuditRecord} as a verifier reads it: decoded with the exact schema it was written with
 * (named by its single-object header), so the access is encoded again byte for byte as it was
 * hashed, even by a release whose {@code AuditRecord} has changed since.
 *
 * @param partition    the chain the record says it belongs to
 * @param sequence     its position in that chain
 * @param previousHash the hash it links to
 * @param hash         the hash it claims
 * @param accessBinary the access, encoded as it was hashed
 */
public record AuditLink(int partition, long sequence, byte[] previousHash, byte[] hash, byte[] accessBinary) {

    private static final int HEADER_LENGTH = 10;

    /**
     * Reads a record's value as written on audit-log.
     *
     * @throws AvroDecodingException when it is not a readable {@code AuditRecord}
     */
    public static AuditLink read(byte[] value) {
        if (value == null) {
            throw new AvroDecodingException("an empty record (a tombstone) where an audit record belongs", null);
        }
        Schema writer = AvroCodec.shared().writerOf(value);
        if (!writer.getFullName().equals("com.rxflow.events.audit.AuditRecord")) {
            throw new AvroDecodingException("a " + writer.getFullName() + " where an audit record belongs", null);
        }
        try {
            GenericRecord record = new GenericDatumReader<GenericRecord>(writer, writer, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(value, HEADER_LENGTH, value.length - HEADER_LENGTH, null));
            GenericRecord access = (GenericRecord) record.get("access");
            return new AuditLink((Integer) record.get("partition"), (Long) record.get("sequence"),
                    bytes(record.get("previousHash")), bytes(record.get("hash")),
                    AuditHash.binary(access.getSchema(), access, GenericData.get()));
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new AvroDecodingException("cannot decode an audit record: " + e.getMessage(), e);
        }
    }

    /** True when the record's hash is the hash of its own content. */
    public boolean hashMatches() {
        return java.util.Arrays.equals(hash, AuditHash.of(previousHash, partition, sequence, accessBinary));
    }

    private static byte[] bytes(Object value) {
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
