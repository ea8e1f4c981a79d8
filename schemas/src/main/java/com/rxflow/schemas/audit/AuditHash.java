package com.rxflow.schemas.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;

import com.rxflow.events.audit.PatientDataAccessed;

/**
 * The hash rule of the audit chain, shared by the writer (escalation-service) and every verifier:
 * {@code SHA-256(previousHash || partition || sequence || access)}, where partition is 4 bytes and
 * sequence 8 bytes, both big-endian, and access is the Avro binary encoding of the access under the
 * schema the {@code AuditRecord} was written with. Avro binary is deterministic for a schema and a
 * datum (the record has no maps), so a verifier that decodes a record with its writer's schema and
 * encodes the access again gets the bytes that were hashed, whatever schema version it runs.
 */
public final class AuditHash {

    /** Length of a hash, and of the genesis link's previous hash. */
    public static final int LENGTH = 32;

    private static final byte[] GENESIS = new byte[LENGTH];

    private AuditHash() {
    }

    /** The previous hash of a chain's first record (sequence 0): 32 zero bytes. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    /** The hash of a link. */
    public static byte[] of(byte[] previousHash, int partition, long sequence, byte[] accessBinary) {
        MessageDigest sha256 = sha256();
        sha256.update(previousHash);
        sha256.update(ByteBuffer.allocate(Integer.BYTES + Long.BYTES).putInt(partition).putLong(sequence).array());
        sha256.update(accessBinary);
        return sha256.digest();
    }

    /** The access as it is hashed, under its current (generated) schema: what the writer hashes. */
    public static byte[] binary(PatientDataAccessed access) {
        return binary(access.getSchema(), access, SpecificData.getForSchema(access.getSchema()));
    }

    /** A datum's Avro binary encoding under {@code schema}, read with {@code model}. */
    static byte[] binary(Schema schema, Object datum, GenericData model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema, model).write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an audited access", e);
        }
        return out.toByteArray();
    }

    /** Lower-case hex, as reports and the auditor API show hashes. */
    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
