package com.rxflow.schemas.phi;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Seals the PHI fields ({@link PhiFields}) of a record before it is encoded, with the data key of
 * the patient it is about, and opens them after it is decoded.
 *
 * <p>The patient is {@code metadata.patientId} (envelopes) or a top-level {@code patientId}
 * (snapshots, cases). A record without one is left as it is: nobody to seal it for yet (see
 * docs/security.md). A value whose key is gone (the patient was forgotten) opens as
 * {@link #ERASED}, or {@code null} for optional bytes and empty bytes otherwise; the record's other
 * fields read as usual. A value that does not open with a key that exists was altered and is a
 * {@link PhiSealException}.
 *
 * <p>Handed to {@code AvroSerializer} and {@code AvroDeserializer} under {@link #CONFIG} in their
 * configuration; one per application context, never static.
 */
public final class PhiSealer {

    /** The serdes' configuration key whose value is a {@code PhiSealer}. */
    public static final String CONFIG = "rxflow.phi.sealer";
    /** What a PHI string of a forgotten patient reads as. */
    public static final String ERASED = "[erased]";

    private final PatientKeyring keyring;
    private final FieldCipher cipher = new FieldCipher();
    private final Map<Schema, Boolean> hasPhi = new ConcurrentHashMap<>();

    public PhiSealer(PatientKeyring keyring) {
        this.keyring = keyring;
    }

    /** A copy of the record with its PHI sealed; the record itself is not changed (stores cache it). */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> T seal(T record) {
        Schema schema = record.getSchema();
        String patientId = patientOf(record);
        if (patientId == null || !containsPhi(schema)) {
            return record;
        }
        T copy = (T) SpecificData.getForSchema(schema).deepCopy(schema, record);
        DataKey key = keyring.currentKey(patientId);
        walk(copy, new Sealing(key));
        return copy;
    }

    /** Opens the PHI of a freshly decoded record, in place. */
    public <T extends SpecificRecord> T open(T record) {
        String patientId = patientOf(record);
        if (patientId != null && containsPhi(record.getSchema())) {
            walk(record, new Opening(patientId));
        }
        return record;
    }

    private boolean containsPhi(Schema schema) {
        return hasPhi.computeIfAbsent(schema, PhiFields::contains);
    }

    static String patientOf(IndexedRecord record) {
        Schema.Field metadata = record.getSchema().getField("metadata");
        if (metadata != null && record.get(metadata.pos()) instanceof IndexedRecord envelope) {
            Schema.Field patient = envelope.getSchema().getField("patientId");
            if (patient != null && envelope.get(patient.pos()) instanceof CharSequence id) {
                return id.toString();
            }
        }
        Schema.Field patient = record.getSchema().getField("patientId");
        if (patient != null && record.get(patient.pos()) instanceof CharSequence id) {
            return id.toString();
        }
        return null;
    }

    private void walk(IndexedRecord record, FieldTransform transform) {
        Schema schema = record.getSchema();
        for (Schema.Field field : schema.getFields()) {
            Object value = record.get(field.pos());
            if (value == null) {
                continue;
            }
            if (PhiFields.isPhi(field)) {
                record.put(field.pos(), apply(value, field, schema.getFullName() + "." + field.name(), transform));
            } else if (containsPhi(field.schema())) {
                descend(value, transform);
            }
        }
    }

    private void descend(Object value, FieldTransform transform) {
        if (value instanceof IndexedRecord nested) {
            if (containsPhi(nested.getSchema())) {
                walk(nested, transform);
            }
        } else if (value instanceof List<?> items) {
            items.forEach(item -> descend(item, transform));
        } else if (value instanceof Map<?, ?> entries) {
            entries.values().forEach(item -> descend(item, transform));
        }
    }

    private Object apply(Object value, Schema.Field field, String path, FieldTransform transform) {
        if (value instanceof CharSequence text) {
            return transform.string(text.toString(), path);
        }
        if (value instanceof ByteBuffer bytes) {
            return transform.bytes(bytes, path, field.schema().isNullable());
        }
        if (value instanceof List<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                out.add(item == null ? null : apply(item, field, path, transform));
            }
            return out;
        }
        throw new IllegalStateException(path + " is marked " + PhiFields.PROPERTY
                + " but is not a string, bytes or an array of strings");
    }

    private interface FieldTransform {
        String string(String value, String path);

        ByteBuffer bytes(ByteBuffer value, String path, boolean nullable);
    }

    private final class Sealing implements FieldTransform {
        private final DataKey key;

        Sealing(DataKey key) {
            this.key = key;
        }

        @Override
        public String string(String value, String path) {
            return cipher.seal(value, key, path);
        }

        @Override
        public ByteBuffer bytes(ByteBuffer value, String path, boolean nullable) {
            return cipher.seal(value, key, path);
        }
    }

    /** Opens one record: asks the keyring once per key id met in it, not once per field. */
    private final class Opening implements FieldTransform {
        private final String patientId;
        private final Map<String, Optional<DataKey>> keys = new HashMap<>(2);

        Opening(String patientId) {
            this.patientId = patientId;
        }

        private Optional<DataKey> key(String keyId) {
            return keys.computeIfAbsent(keyId, id -> keyring.key(patientId, id));
        }

        @Override
        public String string(String value, String path) {
            String keyId = FieldCipher.keyIdOf(value);
            if (keyId == null) {
                return value; // written before encryption was on, or by a writer without it
            }
            return key(keyId).map(k -> cipher.open(value, k, path)).orElse(ERASED);
        }

        @Override
        public ByteBuffer bytes(ByteBuffer value, String path, boolean nullable) {
            String keyId = FieldCipher.keyIdOf(value);
            if (keyId == null) {
                return value;
            }
            return key(keyId).map(k -> cipher.open(value, k, path))
                    .orElse(nullable ? null : ByteBuffer.allocate(0));
        }
    }
}
