package com.rxflow.schemas.avro;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Avro's own reader/writer compatibility check, applied in both directions against every shipped
 * version: a new schema must read what every older release wrote (backward) and every older
 * release must read what the new one writes (forward).
 */
public final class Compatibility {

    private Compatibility() {
    }

    /** Why {@code candidate} may not ship after {@code history}; empty when it may. */
    public static List<String> problems(List<Schema> history, Schema candidate) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Schema old = history.get(i);
            String version = "v" + (i + 1);
            check(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old),
                    "backward: the new schema cannot read data written with " + version, problems);
            check(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate),
                    "forward: readers of " + version + " cannot read data written with the new schema", problems);
        }
        return problems;
    }

    private static void check(SchemaPairCompatibility result, String direction, List<String> problems) {
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            result.getResult().getIncompatibilities().forEach(incompatibility -> problems.add(direction + " ("
                    + incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                    + incompatibility.getMessage() + ")"));
        }
    }
}
