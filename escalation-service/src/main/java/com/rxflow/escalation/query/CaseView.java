package com.rxflow.escalation.query;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import com.rxflow.escalation.cases.CaseStatus;
import com.rxflow.events.escalation.ActionOutcome;
import com.rxflow.events.escalation.Actor;
import com.rxflow.events.escalation.CaseMessage;
import com.rxflow.events.escalation.PatientSummary;
import com.rxflow.events.escalation.TranscriptEntry;
import com.rxflow.state.EscalationCase;

/**
 * A case as the console and the API show it: everything a pharmacist needs to answer it.
 */
@Schema(description = "A case in a human queue, with the patient's summary, the question and the conversation")
public record CaseView(
        @Schema(description = "The case's id") String escalationId,
        @Schema(description = "The conversation the case belongs to") String conversationId,
        String patientId,
        @Schema(description = "PHARMACIST, PRESCRIBER or URGENT") String route,
        @Schema(description = "ROUTINE, HIGH or URGENT; raised once when the SLA is breached") String priority,
        @Schema(description = "The priority the case opened with") String initialPriority,
        @Schema(description = "OPENED, CLAIMED, RETURNED, CLOSED, WITHDRAWN; prescriber route: SENT, "
                + "MORE_INFO_NEEDED, APPROVED, DENIED, WITHDRAWN") String status,
        @Schema(description = "True while someone still has to act on the case") boolean inQueue,
        @Schema(description = "Why a human must decide, as stable codes") List<String> reasonCodes,
        @Schema(description = "The patient's question in their own words") String question,
        String medication,
        Patient patient,
        @Schema(description = "The conversation's latest lines when the case opened, oldest first") List<Line> transcript,
        @Schema(description = "Since the case opened: forwarded patient messages, replies, decisions") List<Line> messages,
        Instant openedAt,
        @Schema(description = "When the case must be claimed (prescriber route: decided) by") Instant slaDueAt,
        Instant slaBreachedAt,
        @Schema(description = "The pharmacist who claimed it") Person owner,
        Instant claimedAt,
        @Schema(description = "RETURNED_TO_ASSISTANT, CLOSED, the withdrawal reason or the prescriber's decision")
        String resolution,
        String note,
        String prescriber,
        Person finishedBy,
        Instant finishedAt,
        Instant updatedAt,
        @Schema(description = "The latest actions on the case and what became of each") List<Action> actions) {

    /** The patient as the conversation summarised them; null fields where it did not know. */
    public record Patient(String name, List<String> allergies, List<String> medications) {
    }

    /** One line of the transcript or the case's thread. */
    public record Line(@Schema(description = "patient, assistant, pharmacist or prescriber") String role,
            String author, String text, Instant at) {
    }

    /** A member of staff: their login and display name. */
    public record Person(String id, String name) {
    }

    /** A pharmacist action applied to the case and its outcome. */
    public record Action(String actionId, String kind, String actorId, boolean accepted, String problem,
            String detail, Instant at) {
    }

    public static CaseView of(EscalationCase stored) {
        CaseStatus status = CaseStatus.of(stored);
        PatientSummary summary = stored.getPatientSummary();
        return new CaseView(stored.getEscalationId(), stored.getConversationId(), stored.getPatientId(),
                stored.getRoute().name(), stored.getPriority().name(),
                (stored.getInitialPriority() == null ? stored.getPriority() : stored.getInitialPriority()).name(),
                status.name(), status.inQueue(), List.copyOf(stored.getReasonCodes()), stored.getQuestion(),
                stored.getMedication(),
                summary == null ? null : new Patient(summary.getName(), List.copyOf(summary.getAllergies()),
                        List.copyOf(summary.getMedications())),
                stored.getTranscript().stream().map(CaseView::line).toList(),
                stored.getMessages().stream().map(CaseView::line).toList(),
                stored.getOpenedAt(), stored.getSlaDueAt(), stored.getSlaBreachedAt(), person(stored.getOwner()),
                stored.getClaimedAt(), stored.getResolution(), stored.getNote(), stored.getPrescriber(),
                person(stored.getFinishedBy()), stored.getFinishedAt(), stored.getUpdatedAt(),
                stored.getActionOutcomes().stream().map(CaseView::action).toList());
    }

    /** The outcome of the action with this id, if the case has applied it. */
    public java.util.Optional<Action> action(String actionId) {
        return actions.stream().filter(a -> a.actionId().equals(actionId)).findFirst();
    }

    private static Line line(TranscriptEntry entry) {
        return new Line(entry.getRole(), null, entry.getText(), entry.getAt());
    }

    private static Line line(CaseMessage message) {
        return new Line(message.getRole(), message.getAuthorName(), message.getText(), message.getAt());
    }

    private static Person person(Actor actor) {
        return actor == null ? null : new Person(actor.getId(), actor.getName());
    }

    private static Action action(ActionOutcome outcome) {
        return new Action(outcome.getActionId(), outcome.getKind().name(), outcome.getActorId(),
                outcome.getAccepted(), outcome.getProblem(), outcome.getDetail(), outcome.getAt());
    }
}
