package com.rxflow.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every encoded type's current schema must be its latest shipped version and compatible, both
 * ways, with every version shipped before it.
 *
 * <p>After a compatible change, run {@code ./mvnw -pl schemas verify -Drxflow.schemas.record-history=true}
 * once: it writes the new version next to the old ones, which are never edited.
 */
class SchemaHistoryTest {

    private static final Path HISTORY = Path.of("src/main/resources", ShippedSchemas.HISTORY_ROOT);

    static Stream<Class<? extends SpecificRecord>> encodedTypes() {
        return ShippedSchemas.ENCODED_TYPES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodedTypes")
    void currentSchemaIsCompatibleWithEveryShippedVersionAndIsShipped(Class<? extends SpecificRecord> type)
            throws IOException {
        Schema current = SpecificData.get().getSchema(type);
        List<Schema> history = ShippedSchemas.versionsOf(type.getName());

        assertThat(Compatibility.problems(history, current))
                .as("%s must stay backward and forward compatible with its shipped versions", type.getName())
                .isEmpty();

        boolean shipped = !history.isEmpty() && fingerprint(history.get(history.size() - 1)) == fingerprint(current);
        if (!shipped && Boolean.getBoolean("rxflow.schemas.record-history")) {
            Path file = HISTORY.resolve(type.getName()).resolve("v" + (history.size() + 1) + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, current.toString(true) + "\n");
            shipped = true;
        }
        assertThat(shipped)
                .as("%s changed since its last shipped version: rerun with -Drxflow.schemas.record-history=true "
                        + "to record version %d", type.getName(), history.size() + 1)
                .isTrue();
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
