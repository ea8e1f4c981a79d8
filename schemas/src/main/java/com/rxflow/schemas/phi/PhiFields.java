package com.rxflow.schemas.phi;

import java.util.HashSet;
import java.util.Set;

import org.apache.avro.Schema;

/**
 * Which fields of RxFlow's schemas carry protected health information: those marked with the
 * field property {@code "rxflow.phi": true} (a string, an array of strings or bytes). A property
 * is not part of a schema's parsing canonical form, so marking a field changes neither its
 * fingerprint nor its compatibility.
 */
public final class PhiFields {

    public static final String PROPERTY = "rxflow.phi";

    private PhiFields() {
    }

    public static boolean isPhi(Schema.Field field) {
        return Boolean.TRUE.equals(field.getObjectProp(PROPERTY));
    }

    /** The schema or a schema nested in it has a PHI field. */
    public static boolean contains(Schema schema) {
        return scan(schema, new HashSet<>());
    }

    private static boolean scan(Schema schema, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD:
                if (!seen.add(schema.getFullName())) {
                    return false;
                }
                for (Schema.Field field : schema.getFields()) {
                    if (isPhi(field) || scan(field.schema(), seen)) {
                        return true;
                    }
                }
                return false;
            case UNION:
                return schema.getTypes().stream().anyMatch(branch -> scan(branch, seen));
            case ARRAY:
                return scan(schema.getElementType(), seen);
            case MAP:
                return scan(schema.getValueType(), seen);
            default:
                return false;
        }
    }
}
