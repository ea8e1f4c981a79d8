package com.rxflow.schemas.topic;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

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
import com.rxflow.keys.PatientDataKey;
import com.rxflow.schemas.phi.PatientKeysTopic;
import com.rxflow.schemas.serde.SerdeSettings;

/**
 * RxFlow's topics in one place: each logical topic, its physical name, and its serdes. Every
 * record is keyed by a string: its conversation id, except where a topic says otherwise (orders by
 * order id, the audit topics by patient pseudonym).
 */
public final class TopicCatalogue {

    /** The writer of a topic every service writes its own records to. */
    public static final String EVERY_SERVICE = "every service";

    public static final String GATEWAY = "gateway";
    public static final String PROCESSOR = "conversation-processor";
    public static final String TOOLS = "tools-service";
    public static final String ESCALATION = "escalation-service";
    /** The services that read and write RxFlow's topics, by {@code spring.application.name}. */
    public static final List<String> SERVICES = List.of(GATEWAY, PROCESSOR, TOOLS, ESCALATION);

    public static final TopicSpec<PatientEvent> PATIENT_MESSAGES = new TopicSpec<>(
            "patient-messages", "rxflow.patient-messages", PatientEvent.class, GATEWAY, Set.of(PROCESSOR), true,
            TopicRetention.MESSAGING);
    public static final TopicSpec<ToolCommand> TOOL_COMMANDS = new TopicSpec<>(
            "tool-commands", "rxflow.tool-commands", ToolCommand.class, PROCESSOR, Set.of(TOOLS), false,
            TopicRetention.MESSAGING);
    public static final TopicSpec<ToolResult> TOOL_RESULTS = new TopicSpec<>(
            "tool-results", "rxflow.tool-results", ToolResult.class, TOOLS, Set.of(PROCESSOR), true,
            TopicRetention.MESSAGING);
    public static final TopicSpec<EscalationCommand> ESCALATION_COMMANDS = new TopicSpec<>(
            "escalation-commands", "rxflow.escalation-commands", EscalationCommand.class,
            PROCESSOR, Set.of(ESCALATION), false,
            TopicRetention.MESSAGING);
    public static final TopicSpec<EscalationEvent> ESCALATION_EVENTS = new TopicSpec<>(
            "escalation-events", "rxflow.escalation-events", EscalationEvent.class,
            ESCALATION, Set.of(PROCESSOR, ESCALATION), true,
            TopicRetention.DOMAIN_LOG);
    /**
     * Pharmacists' actions on cases (claim, reply, resolve, withdraw, prescriber decisions), written
     * by escalation-service's console and API and applied by its own Kafka Streams app. Keyed by the
     * case's conversation id, so it is co-partitioned with escalation-commands and every change to a
     * case is applied by one task in order: of two claims on one case, exactly one wins.
     */
    public static final TopicSpec<PharmacistAction> PHARMACIST_ACTIONS = new TopicSpec<>(
            "pharmacist-actions", "rxflow.pharmacist-actions", PharmacistAction.class,
            ESCALATION, Set.of(ESCALATION), false,
            TopicRetention.MESSAGING);
    public static final TopicSpec<ReplyEvent> ASSISTANT_REPLIES = new TopicSpec<>(
            "assistant-replies", "rxflow.assistant-replies", ReplyEvent.class, PROCESSOR, Set.of(GATEWAY), false,
            TopicRetention.MESSAGING);
    public static final TopicSpec<ConversationEvent> CONVERSATION_EVENTS = new TopicSpec<>(
            "conversation-events", "rxflow.conversation-events", ConversationEvent.class,
            PROCESSOR, Set.of(), false,
            TopicRetention.DOMAIN_LOG);
    /**
     * Orders placed and cancelled, and renewal requests, for pharmacy systems. Keyed by order id
     * (not conversation id): an order outlives its conversation and may be cancelled from another
     * one, and a pharmacy system needs every fact of one order in order on one partition.
     */
    public static final TopicSpec<PharmacyOrderEvent> PHARMACY_ORDERS = new TopicSpec<>(
            "pharmacy-orders", "rxflow.pharmacy-orders", PharmacyOrderEvent.class,
            TOOLS, Set.of(TOOLS), false,
            TopicRetention.ORDER_BOOK);
    /**
     * Who read or changed which patient's data (HIPAA audit controls). Like the ingress topic it has
     * many writers: every service writes its own accesses ({@code AuditTrail} in platform), and no
     * service writes another's. Keyed by the patient's pseudonym, so one patient's accesses are read
     * in order from one partition. Kept for {@link #AUDIT} retention; never compacted.
     */
    public static final TopicSpec<PatientDataAccessed> AUDIT_ACCESS = new TopicSpec<>(
            "audit-access", "rxflow.audit-access", PatientDataAccessed.class,
            EVERY_SERVICE, Set.of(ESCALATION), false,
            TopicRetention.AUDIT);
    /**
     * The audit trail itself: every access of audit-access, numbered and hash-chained per partition
     * by escalation-service, its only writer. Same key and partition count as audit-access; record
     * {@code n} of a partition's chain is on the same partition number it was read from. Append-only:
     * {@code cleanup.policy=delete} with the audit retention, never compacted.
     */
    public static final TopicSpec<AuditRecord> AUDIT_LOG = new TopicSpec<>(
            "audit-log", "rxflow.audit-log", AuditRecord.class, ESCALATION, Set.of(), false,
            TopicRetention.AUDIT);

    /**
     * The run-time schema store ({@code KafkaSchemaStore}): every writer schema, keyed by its
     * fingerprint (hexadecimal), its value the schema's JSON. Every service publishes the schemas
     * it writes before their first record and reads the ones it does not ship; compacted, kept for ever.
     */
    public static final TopicSpec<String> SCHEMAS = new TopicSpec<>(
            "schemas", "rxflow.schemas", String.class, EVERY_SERVICE, Set.copyOf(SERVICES), false,
            TopicRetention.COMPACTED);

    /**
     * Patients' data keys (PHI encryption, {@link PatientKeysTopic}): {@link PatientDataKey} records
     * in Avro's single-object encoding, written and read by {@code KafkaPatientKeyring}, not by the
     * catalogue's serdes; keyed by {@code patientId/keyId}. Every service seals and opens PHI with
     * the keys (its serdes do, for every topic and store), so every service reads the whole topic
     * and the first to seal a patient's record writes their key; a tombstone forgets the patient
     * (escalation-service's staff API, {@code rxflow forget-patient}). Compacted, never deleted by
     * age: a key lost to retention would erase its patient unasked.
     */
    public static final TopicSpec<PatientDataKey> PATIENT_KEYS = new TopicSpec<>(
            "patient-keys", PatientKeysTopic.DEFAULT_NAME, PatientDataKey.class, EVERY_SERVICE, Set.copyOf(SERVICES),
            false, TopicRetention.PATIENT_KEYS);

    /** Every topic that carries an Avro contract, in the order of the event flow. */
    public static final List<TopicSpec<?>> CONTRACTS = List.of(PATIENT_MESSAGES, TOOL_COMMANDS, TOOL_RESULTS,
            ESCALATION_COMMANDS, PHARMACIST_ACTIONS, ESCALATION_EVENTS, ASSISTANT_REPLIES, CONVERSATION_EVENTS,
            PHARMACY_ORDERS, AUDIT_ACCESS, AUDIT_LOG);

    /**
     * Every RxFlow topic: those of {@link #CONTRACTS}, the schema store and the patient keys. The
     * broker's ACLs and the topics the services create are generated from this list.
     */
    public static final List<TopicSpec<?>> ALL = Stream.concat(CONTRACTS.stream(), Stream.of(SCHEMAS, PATIENT_KEYS))
            .toList();

    /**
     * The topics that keep their records for the pharmacy's audit retention (six years by default,
     * {@code rxflow.kafka.topics.audit-retention}) with {@code cleanup.policy=delete}: those of
     * {@link TopicRetention#AUDIT}.
     */
    public static final List<TopicSpec<?>> AUDIT = ALL.stream()
            .filter(spec -> spec.retention() == TopicRetention.AUDIT).collect(Collectors.toUnmodifiableList());

    private static final String DEAD_LETTER_SUFFIX = ".dlt";

    private final Map<String, String> names;
    private final SerdeSettings serdes;

    /**
     * @param nameOverrides physical names by logical id, for topics not called by their default name
     * @param serdes        the value serde classes and their configuration
     */
    public TopicCatalogue(Map<String, String> nameOverrides, SerdeSettings serdes) {
        Set<String> ids = ALL.stream().map(TopicSpec::id).collect(Collectors.toSet());
        nameOverrides.keySet().stream().filter(id -> !ids.contains(id)).findFirst().ifPresent(id -> {
            throw new IllegalArgumentException("unknown topic id '" + id + "' (known: " + ids + ")");
        });
        this.names = Map.copyOf(nameOverrides);
        this.serdes = serdes;
    }

    /** The catalogue with default names and RxFlow's own Avro encoding. */
    public static TopicCatalogue defaults() {
        return new TopicCatalogue(Map.of(), SerdeSettings.DEFAULT);
    }

    public <V extends SpecificRecord> Topic<String, V> topic(TopicSpec<V> spec) {
        return new Topic<>(name(spec), Serdes.String(), serdes.valueSerde());
    }

    /** The serde of a state store's values: RxFlow's Avro encoding, configured as the topics' serdes. */
    public <V extends SpecificRecord> Serde<V> storeSerde() {
        return serdes.storeSerde();
    }

    /** The value serde classes and their configuration (with the service's codec, in a service). */
    public SerdeSettings serdes() {
        return serdes;
    }

    public String name(TopicSpec<?> spec) {
        return names.getOrDefault(spec.id(), spec.defaultName());
    }

    /**
     * The dead-letter topic of a service: records it could not read or process, byte for byte,
     * with the reason and origin in headers.
     */
    public Topic<byte[], byte[]> deadLetter(String service) {
        Serde<byte[]> bytes = Serdes.ByteArray();
        return new Topic<>("rxflow." + service + DEAD_LETTER_SUFFIX, bytes, bytes);
    }
}
