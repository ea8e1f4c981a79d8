package com.rxflow.escalation.api;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.rxflow.escalation.cases.CaseStatus;
import com.rxflow.escalation.query.CaseQueries;
import com.rxflow.escalation.query.CaseSummary;
import com.rxflow.escalation.query.CaseView;
import com.rxflow.escalation.query.Replica;
import com.rxflow.escalation.security.AccessProperties.Role;
import com.rxflow.events.audit.AuditAction;
import com.rxflow.events.escalation.ClaimCase;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.escalation.PharmacistActionType;
import com.rxflow.events.escalation.RecordPrescriberDecision;
import com.rxflow.events.escalation.ReplyToPatient;
import com.rxflow.events.escalation.ResolveCase;
import com.rxflow.events.escalation.WithdrawCase;
import com.rxflow.platform.audit.Actor;
import com.rxflow.platform.audit.AuditTrail;
import com.rxflow.platform.audit.Purpose;

/**
 * The pharmacists' API, which the console uses too: the queue, a case, and the actions on it.
 * Every action is recorded with the signed-in user as its actor; every read of a case and every
 * action on it is an access on the audit trail.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "cases", description = "The pharmacists' and prescribers' queue")
class CasesController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final String KEY_HEADER = "Idempotency-Key";
    private static final String KEY_DOC = "Makes the action safe to retry: the same key is applied once and "
            + "answers with the same outcome";

    private final CaseQueries queries;
    private final PharmacistActions actions;
    private final Staff staff;
    private final CaseFeed feed;
    private final AuditTrail audit;

    CasesController(CaseQueries queries, PharmacistActions actions, Staff staff, CaseFeed feed, AuditTrail audit) {
        this.queries = queries;
        this.actions = actions;
        this.staff = staff;
        this.feed = feed;
        this.audit = audit;
    }

    @Operation(summary = "The queue", description = "Cases sorted by priority (URGENT first), then age. A prescriber "
            + "without the PHARMACIST role sees the prescriber route only. Each partition of the queue is read from "
            + "the instance that owns it or, when that one cannot be read, from a standby copy: 'servedFromStandby' "
            + "names the partitions read so (they may lag a few moments). 'complete' is false when a partition "
            + "could be read from nowhere ('unread'); 'unavailable' names the instances that did not answer.")
    @GetMapping("/cases")
    QueuePage list(
            @Parameter(description = "PHARMACIST, PRESCRIBER or URGENT; all routes when absent")
            @RequestParam(required = false) EscalationRoute route,
            @Parameter(description = "IN_QUEUE (default: cases someone must still act on), ALL, or one status")
            @RequestParam(defaultValue = "IN_QUEUE") String status,
            Authentication user) {
        StatusFilter filter = StatusFilter.parse(status);
        boolean prescriberOnly = !staff.has(user, Role.PHARMACIST);
        CaseQueries.Queue queue = queries.list();
        List<CaseSummary> cases = queue.cases().stream()
                .filter(c -> route == null || c.route().equals(route.name()))
                .filter(c -> !prescriberOnly || c.route().equals(EscalationRoute.PRESCRIBER.name()))
                .filter(filter::matches)
                .toList();
        return new QueuePage(cases, queue.complete(), queue.unavailable(), queue.servedFromStandby(), queue.unread());
    }

    @Operation(summary = "A case, with the patient's summary, the transcript and the thread", description = "Each "
            + "read is recorded on the audit trail (CASE_READ); 503 when it cannot be. Read from the instance that "
            + "owns the case's partition or, when that one cannot be read, from a standby copy; the header "
            + Replica.HEADER + " says which (ACTIVE or STANDBY: a standby's copy may lag a few moments).")
    @GetMapping("/cases/{escalationId}")
    ResponseEntity<CaseView> get(@PathVariable String escalationId, Authentication user) {
        CaseQueries.Found read = queries.find(escalationId);
        CaseView found = staff.visible(user, read.view());
        audit.record(Actor.staff(user.getName()), found.patientId(), AuditAction.CASE_READ,
                Purpose.escalationCase(escalationId), null);
        return ResponseEntity.ok().header(Replica.HEADER, read.replica().name()).body(found);
    }

    @Operation(summary = "Claim a case", description = "The case and its conversation become yours. If another "
            + "pharmacist claimed it first: 409 case-claimed, naming them.")
    @PostMapping("/cases/{escalationId}/claim")
    CaseView claim(@PathVariable String escalationId,
            @Parameter(description = KEY_DOC) @RequestHeader(name = KEY_HEADER, required = false) String key,
            Authentication user) {
        return actions.act(escalationId, staff.actor(user), idempotencyKey(key), PharmacistActionType.CLAIM,
                action -> action.setClaim(ClaimCase.newBuilder().setEscalationId(escalationId).build()));
    }

    @Operation(summary = "Reply to the patient", description = "Only the pharmacist who claimed the case replies; "
            + "the patient reads the reply in their conversation.")
    @PostMapping(path = "/cases/{escalationId}/replies", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseView reply(@PathVariable String escalationId, @Valid @RequestBody ActionRequests.Reply body,
            @Parameter(description = KEY_DOC) @RequestHeader(name = KEY_HEADER, required = false) String key,
            Authentication user) {
        return actions.act(escalationId, staff.actor(user), idempotencyKey(key), PharmacistActionType.REPLY,
                action -> action.setReply(ReplyToPatient.newBuilder().setEscalationId(escalationId)
                        .setText(body.text()).build()));
    }

    @Operation(summary = "Resolve a case", description = "RETURNED_TO_ASSISTANT hands the conversation back to the "
            + "assistant where it stood; CLOSED ends the conversation's request.")
    @PostMapping(path = "/cases/{escalationId}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseView resolve(@PathVariable String escalationId, @Valid @RequestBody ActionRequests.Resolve body,
            @Parameter(description = KEY_DOC) @RequestHeader(name = KEY_HEADER, required = false) String key,
            Authentication user) {
        return actions.act(escalationId, staff.actor(user), idempotencyKey(key), PharmacistActionType.RESOLVE,
                action -> action.setResolve(ResolveCase.newBuilder().setEscalationId(escalationId)
                        .setOutcome(body.outcome()).setNote(body.note()).build()));
    }

    @Operation(summary = "Withdraw a case", description = "No human is needed after all; a waiting conversation goes "
            + "back to the assistant.")
    @PostMapping(path = "/cases/{escalationId}/withdraw", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseView withdraw(@PathVariable String escalationId, @Valid @RequestBody ActionRequests.Withdraw body,
            @Parameter(description = KEY_DOC) @RequestHeader(name = KEY_HEADER, required = false) String key,
            Authentication user) {
        return actions.act(escalationId, staff.actor(user), idempotencyKey(key), PharmacistActionType.WITHDRAW,
                action -> action.setWithdraw(WithdrawCase.newBuilder().setEscalationId(escalationId)
                        .setReason(body.reason()).build()));
    }

    @Operation(summary = "Record the prescriber's decision", description = "Prescriber route only. APPROVED lets "
            + "the patient's refill continue; MORE_INFO_NEEDED keeps the case in the prescriber queue.")
    @PostMapping(path = "/cases/{escalationId}/prescriber-decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseView decide(@PathVariable String escalationId, @Valid @RequestBody ActionRequests.Decision body,
            @Parameter(description = KEY_DOC) @RequestHeader(name = KEY_HEADER, required = false) String key,
            Authentication user) {
        return actions.act(escalationId, staff.actor(user), idempotencyKey(key),
                PharmacistActionType.RECORD_PRESCRIBER_DECISION,
                action -> action.setPrescriberDecision(RecordPrescriberDecision.newBuilder()
                        .setEscalationId(escalationId).setDecision(body.decision()).setNote(body.note())
                        .setPrescriber(body.prescriber()).build()));
    }

    @Operation(summary = "Live changes of the queue (server-sent events)", description = "One 'case' event per "
            + "change of any case: {escalationId, type}; read the case or the queue again to see it.")
    @GetMapping(path = "/cases/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return feed.subscribe();
    }

    @Operation(summary = "Who is signed in")
    @GetMapping("/me")
    Staff.Me me(Authentication user) {
        return staff.me(user);
    }

    private static String idempotencyKey(String key) {
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new InvalidIdempotencyKeyException();
        }
        return key;
    }

    /**
     * A page of the queue.
     *
     * @param complete          false when a partition of the queue could be read from nowhere
     * @param unavailable       the instances that did not answer
     * @param servedFromStandby the partitions read from a standby copy
     * @param unread            the partitions that could not be read
     */
    @Schema(description = "The queue, in the order to work it")
    record QueuePage(List<CaseSummary> cases,
            @Schema(description = "False when part of the queue could be read from nowhere: cases may be missing")
            boolean complete,
            @Schema(description = "The instances that did not answer (their part may have come from a standby copy)")
            List<String> unavailable,
            @Schema(description = "The partitions read from a standby copy while their owner could not be read: "
                    + "their cases may lag a few moments")
            List<Integer> servedFromStandby,
            @Schema(description = "The partitions no instance could read") List<Integer> unread) {
    }

    /** Which statuses a listing shows. */
    private record StatusFilter(Set<String> statuses, boolean inQueueOnly) {

        static StatusFilter parse(String status) {
            return switch (status) {
                case "IN_QUEUE" -> new StatusFilter(Set.of(), true);
                case "ALL" -> new StatusFilter(Set.of(), false);
                default -> {
                    try {
                        yield new StatusFilter(Set.of(CaseStatus.valueOf(status).name()), false);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidStatusFilterException(status);
                    }
                }
            };
        }

        boolean matches(CaseSummary summary) {
            return inQueueOnly ? summary.inQueue() : statuses.isEmpty() || statuses.contains(summary.status());
        }
    }
}
