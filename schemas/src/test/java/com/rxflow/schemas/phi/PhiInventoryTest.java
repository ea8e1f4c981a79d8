package com.rxflow.schemas.phi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.EscalationCase;

/**
 * Every string and bytes field of every topic value and store value is either PHI (marked
 * {@code "rxflow.phi": true}, sealed per patient) or listed here as clear: a new field fails this
 * test until someone decides which it is. Tool payloads are not walked: they travel inside the
 * sealed {@code arguments} and {@code result} bytes.
 */
class PhiInventoryTest {

    static final Set<String> PHI = Set.of(
            "EscalationRequested.medication", "EscalationStatusRecorded.note",
            "InterpretationProposed.dropped", "InterpretationProposed.medications",
            "LateSideEffectRecorded.result", "OrderConfirmed.medication", "PatientMessageAccepted.text",
            "RedFlagRaised.evidence", "ReplySent.text", "RequestDetails.candidates",
            "RequestDetails.directions", "RequestDetails.medication", "RequestDetails.note",
            "RequestDetails.question", "RequestDetails.queuedMedications", "RequestDetails.statedStrength",
            "RequestDetails.unresolvedTerm", "RequestDetails.zip", "SafetyAssessed.medication",
            "ToolOutcomeRecorded.result", "ToolRequested.arguments", "CaseMessage.authorName",
            "CaseMessage.text", "EscalateConversation.medication", "EscalateConversation.question",
            "EscalationResolved.note", "EscalationWithdrawn.reason", "ForwardPatientMessage.text",
            "PatientMessageAppended.text", "PatientSummary.allergies", "PatientSummary.medications",
            "PatientSummary.name", "PharmacistReplied.text", "PrescriberDecided.note",
            "PrescriberDecided.prescriber", "RecordPrescriberDecision.note",
            "RecordPrescriberDecision.prescriber", "ReplyToPatient.text", "ResolveCase.note",
            "TranscriptEntry.text", "WithdrawCase.reason", "WithdrawEscalation.reason",
            "PharmacyOrderPlaced.prescriber", "PharmacyOrderPlaced.rxcui", "RenewalRequestSent.medication",
            "RenewalRequestSent.prescriber", "RenewalRequestSent.rxcui", "PatientMessageReceived.text",
            "AssistantReplied.quickReplies", "AssistantReplied.text", "InvokeTool.arguments",
            "ToolCompleted.result", "OrderSummary.medication", "DeferredMessage.text",
            "EscalationCase.medication", "EscalationCase.note", "EscalationCase.prescriber",
            "EscalationCase.question", "EscalationFact.medication", "MedicationFact.brandNames",
            "MedicationFact.condition", "MedicationFact.directions", "MedicationFact.drugClass",
            "MedicationFact.genericName", "MedicationFact.name", "MedicationFact.prescriber",
            "OrderFact.medication", "PatientFacts.allergies", "PatientFacts.conditions",
            "PatientFacts.firstName", "PatientFacts.insurancePlanName", "PatientFacts.lastName",
            "PatientFacts.zip", "PendingWork.arguments", "ToolOutcome.result", "TranscriptLine.text");

    static final Set<String> CLEAR = Set.of(
            "AuditActor.id", "AuditPurpose.id", "AuditRecord.hash", "AuditRecord.previousHash",
            "PatientDataAccessed.accessId", "PatientDataAccessed.detail",
            "PatientDataAccessed.patientPseudonym", "PatientDataAccessed.service", "EventMetadata.causationId",
            "EventMetadata.conversationId", "EventMetadata.correlationId", "EventMetadata.eventId",
            "EventMetadata.patientId", "EventMetadata.source", "ConversationClosed.reason",
            "PatientDataKey.patientId", "PatientDataKey.keyId", "PatientDataKey.kekId", "PatientDataKey.wrappedKey",
            "ConversationStarted.channel", "ConversationStarted.clientId",
            "ConversationStarted.conversationType", "ConversationStarted.patientId",
            "DeferredMessageResumed.messageId", "EscalationRequested.escalationId",
            "EscalationRequested.messageId", "EscalationRequested.priority", "EscalationRequested.reasonCodes",
            "EscalationRequested.resumeStep", "EscalationRequested.route", "EscalationStatusRecorded.decision",
            "EscalationStatusRecorded.escalationId", "EscalationStatusRecorded.pharmacist",
            "EscalationStatusRecorded.status", "InputRejected.inputEventId", "InputRejected.reason",
            "InputRejected.reasonCode", "InterpretationProposed.acceptedIntent",
            "InterpretationProposed.deterministicIntent", "InterpretationProposed.failureReason",
            "InterpretationProposed.messageId", "InterpretationProposed.proposedIntent",
            "InterpretationProposed.requestId", "LateSideEffectRecorded.dataSource",
            "LateSideEffectRecorded.escalationId", "LateSideEffectRecorded.reference",
            "LateSideEffectRecorded.requestId", "LateSideEffectRecorded.tool", "MessageForwarded.escalationId",
            "MessageForwarded.messageId", "OrderConfirmed.copay", "OrderConfirmed.messageId",
            "OrderConfirmed.pharmacyId", "OrderConfirmed.pharmacyName", "OrderConfirmed.price",
            "OrderConfirmed.strength", "PatientMessageAccepted.messageId", "PharmacyOption.address",
            "PharmacyOption.name", "PharmacyOption.pharmacyId", "PharmacyOption.price",
            "RedFlagRaised.messageId", "ReplySent.author", "ReplySent.inReplyTo", "ReplySent.replyId",
            "RequestDetails.batch", "RequestDetails.copay", "RequestDetails.form", "RequestDetails.intent",
            "RequestDetails.orderId", "RequestDetails.pharmacyAddress", "RequestDetails.pharmacyId",
            "RequestDetails.pharmacyName", "RequestDetails.price", "RequestDetails.sources",
            "RequestDetails.strength", "RequestUpdated.change", "RequestUpdated.conversationType",
            "SafetyAssessed.primaryReason", "SafetyAssessed.reasonCodes", "SafetyAssessed.route",
            "SafetyAssessed.sources", "StateChanged.fromState", "StateChanged.fromStep",
            "StateChanged.toState", "StateChanged.toStep", "StateChanged.trigger",
            "ToolOutcomeRecorded.dataSource", "ToolOutcomeRecorded.dataVersion",
            "ToolOutcomeRecorded.reasonCode", "ToolOutcomeRecorded.requestId", "ToolOutcomeRecorded.tool",
            "ToolRequested.batch", "ToolRequested.messageId", "ToolRequested.purpose",
            "ToolRequested.requestId", "ToolRequested.tool", "ActionOutcome.actionId", "ActionOutcome.actorId",
            "ActionOutcome.detail", "ActionOutcome.problem", "Actor.id", "Actor.name", "CaseMessage.authorId",
            "CaseMessage.messageId", "CaseMessage.role", "ClaimCase.escalationId",
            "EscalateConversation.escalationId", "EscalateConversation.reasonCodes",
            "EscalationClaimed.escalationId", "EscalationClaimed.pharmacistId",
            "EscalationClaimed.pharmacistName", "EscalationOpened.escalationId",
            "EscalationOpened.reasonCodes", "EscalationResolved.escalationId",
            "EscalationResolved.pharmacistId", "EscalationResolved.pharmacistName",
            "EscalationSlaBreached.escalationId", "EscalationWithdrawn.escalationId",
            "EscalationWithdrawn.pharmacistId", "EscalationWithdrawn.pharmacistName",
            "ForwardPatientMessage.escalationId", "ForwardPatientMessage.messageId",
            "PatientMessageAppended.escalationId", "PatientMessageAppended.messageId",
            "PharmacistAction.actionId", "PharmacistReplied.escalationId", "PharmacistReplied.pharmacistId",
            "PharmacistReplied.pharmacistName", "PrescriberDecided.escalationId",
            "PrescriberDecided.recordedById", "PrescriberDecided.recordedByName",
            "RecordPrescriberDecision.escalationId", "ReplyToPatient.escalationId", "ResolveCase.escalationId",
            "TranscriptEntry.role", "WithdrawCase.escalationId", "WithdrawEscalation.escalationId",
            "PharmacyOrderCancelled.patientId", "PharmacyOrderCancelled.requestId",
            "PharmacyOrderPlaced.confirmationMessageId", "PharmacyOrderPlaced.patientId",
            "PharmacyOrderPlaced.requestId", "RenewalRequestSent.patientId", "RenewalRequestSent.reasonCode",
            "RenewalRequestSent.renewalId", "RenewalRequestSent.requestId", "RenewalRequestSent.strength",
            "ConversationOpened.channel", "ConversationOpened.clientId", "ConversationOpened.patientId",
            "PatientMessageReceived.channel", "PatientMessageReceived.clientId",
            "PatientMessageReceived.messageId", "AnswerRepeated.messageId", "AssistantReplied.inReplyTo", "AssistantReplied.replyId",
            "AssistantReplied.sources", "AssistantReplied.state", "AssistantReplied.step",
            "InvokeTool.requestId", "InvokeTool.tool", "ToolCompleted.dataSource", "ToolCompleted.dataVersion",
            "ToolCompleted.requestId", "ToolCompleted.tool", "ToolFailed.reason", "ToolFailed.reasonCode",
            "ToolFailed.requestId", "ToolFailed.tool", "OrderSummary.orderId", "OrderSummary.pharmacyId",
            "OrderSummary.pharmacyName", "OrderSummary.status", "OrderSummary.strength",
            "ConversationSnapshot.abandonedCalls", "ConversationSnapshot.approvedRenewals",
            "ConversationSnapshot.channel", "ConversationSnapshot.clientId",
            "ConversationSnapshot.conversationId", "ConversationSnapshot.conversationType",
            "ConversationSnapshot.patientId", "ConversationSnapshot.recentMessageIds",
            "ConversationSnapshot.state", "ConversationSnapshot.step", "DeferredMessage.messageId",
            "EscalationCase.conversationId", "EscalationCase.escalationId", "EscalationCase.patientId",
            "EscalationCase.reasonCodes", "EscalationCase.resolution", "EscalationCase.status",
            "EscalationFact.escalationId", "EscalationFact.messageId", "EscalationFact.pharmacist",
            "EscalationFact.priority", "EscalationFact.reasonCodes", "EscalationFact.resumeStep",
            "EscalationFact.route", "EscalationFact.status", "EscalationFact.unansweredMessageIds",
            "MedicationFact.form", "MedicationFact.schedule", "MedicationFact.strength", "OrderFact.orderId",
            "OrderFact.pharmacyName", "OrderFact.status", "OrderFact.strength", "PatientFacts.source",
            "PendingWork.batch", "PendingWork.id", "PendingWork.kind", "PendingWork.messageId",
            "PendingWork.name", "PendingWork.purpose", "ToolOutcome.batch", "ToolOutcome.dataSource",
            "ToolOutcome.purpose", "ToolOutcome.reasonCode", "ToolOutcome.requestId", "ToolOutcome.tool",
            "TranscriptLine.messageId", "TranscriptLine.replyId", "TranscriptLine.role");

    @Test
    void everyStringAndBytesFieldOfEveryTopicAndStoreValueIsClassifiedAsPhiOrClear() {
        Set<String> marked = new TreeSet<>();
        Set<String> unmarked = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        for (Schema root : roots()) {
            collect(root, marked, unmarked, seen);
        }

        assertThat(marked).as("fields marked rxflow.phi").containsExactlyInAnyOrderElementsOf(PHI);
        assertThat(unmarked).as("fields left in the clear").containsExactlyInAnyOrderElementsOf(CLEAR);
    }

    @Test
    void theTopicEnvelopesThatCarryPatientWordsHavePhi() {
        assertThat(roots()).filteredOn(PhiFields::contains).extracting(Schema::getName)
                .contains("PatientEvent", "ReplyEvent", "ConversationEvent", "EscalationEvent",
                        "EscalationCommand", "PharmacistAction", "ToolCommand", "ToolResult", "PharmacyOrderEvent",
                        "ConversationSnapshot", "EscalationCase")
                .doesNotContain("PatientDataAccessed", "AuditRecord");
    }

    private static List<Schema> roots() {
        List<Schema> roots = new java.util.ArrayList<>();
        TopicCatalogue.ALL.forEach(spec -> roots.add(SpecificData.get().getSchema(spec.valueType())));
        roots.add(ConversationSnapshot.getClassSchema());
        roots.add(EscalationCase.getClassSchema());
        return roots;
    }

    private static void collect(Schema schema, Set<String> marked, Set<String> unmarked, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    if (carriesText(field.schema())) {
                        (PhiFields.isPhi(field) ? marked : unmarked).add(schema.getName() + "." + field.name());
                    }
                    collect(field.schema(), marked, unmarked, seen);
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, marked, unmarked, seen));
            case ARRAY -> collect(schema.getElementType(), marked, unmarked, seen);
            case MAP -> collect(schema.getValueType(), marked, unmarked, seen);
            default -> { }
        }
    }

    private static boolean carriesText(Schema schema) {
        return switch (schema.getType()) {
            case STRING -> true;
            case BYTES -> schema.getLogicalType() == null; // decimals are amounts, not text
            case UNION -> schema.getTypes().stream().anyMatch(PhiInventoryTest::carriesText);
            case ARRAY -> carriesText(schema.getElementType());
            default -> false;
        };
    }
}
