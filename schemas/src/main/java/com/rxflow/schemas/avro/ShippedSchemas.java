package com.rxflow.schemas.avro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;
import org.apache.avro.specific.SpecificRecord;

import com.rxflow.events.audit.AuditRecord;
import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.PharmacistAction;
import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.schemas.tool.ToolContract;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.state.EscalationCase;

/**
 * Every schema version this module has ever shipped, for every type that is written on its own
 * (a topic value, a tool payload, a store value).
 *
 * <p>A reader needs the writer's exact schema to decode a record, so old versions are shipped as
 * resources ({@code avro-history/<full name>/v<n>.avsc}) and never edited. Adding a version is
 * done by the compatibility test, which refuses one that old or new readers could not read.
 */
public final class ShippedSchemas {

    /**
     * Types that are encoded on their own: topic values, the arguments and results of every tool
     * in {@link ToolContracts}, and store values. A new topic value or store value is added here.
     */
    public static final List<Class<? extends SpecificRecord>> ENCODED_TYPES = encodedTypes();

    private static List<Class<? extends SpecificRecord>> encodedTypes() {
        List<Class<? extends SpecificRecord>> types = new ArrayList<>(List.of(
                PatientEvent.class,
                ToolCommand.class,
                ToolResult.class,
                EscalationCommand.class,
                EscalationEvent.class,
                PharmacistAction.class,
                ReplyEvent.class,
                ConversationEvent.class,
                PharmacyOrderEvent.class,
                PatientDataAccessed.class,
                AuditRecord.class,
                ConversationSnapshot.class,
                EscalationCase.class));
        for (ToolContract<?, ?> tool : ToolContracts.ALL) {
            types.add(tool.argumentType());
            types.add(tool.resultType());
        }
        return List.copyOf(types);
    }

    static final String HISTORY_ROOT = "avro-history/";

    private ShippedSchemas() {
    }

    /** Every shipped version of every encoded type, oldest first per type. */
    public static Map<String, List<Schema>> all() {
        Map<String, List<Schema>> all = new LinkedHashMap<>();
        for (Class<? extends SpecificRecord> type : ENCODED_TYPES) {
            all.put(type.getName(), versionsOf(type.getName()));
        }
        return all;
    }

    /** The shipped versions of one type, oldest first; empty if it has none yet. */
    public static List<Schema> versionsOf(String fullName) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = ShippedSchemas.class.getClassLoader();
        for (int v = 1; ; v++) {
            String resource = resourceName(fullName, v);
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new SchemaParser().parse(in).mainSchema());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read shipped schema " + resource, e);
            }
        }
    }

    static String resourceName(String fullName, int version) {
        return HISTORY_ROOT + fullName + "/v" + version + ".avsc";
    }
}
