package com.rxflow.tools.invocation;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.platform.audit.Actor;
import com.rxflow.platform.audit.AuditTrail;
import com.rxflow.platform.audit.Purpose;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Invocation;

/**
 * Records every tool run on the audit trail: each tool runs for the patient the conversation is
 * bound to and reads (or, for orders, changes) that patient's data, or sends it on (the model's
 * interpretation). Actor: this service; purpose: the conversation; detail: the tool's name. A
 * placed or cancelled order is recorded as such. A command refused before any tool ran (no such
 * tool, no bound patient, unreadable arguments) read nothing and is not recorded.
 *
 * <p>Called inside the command's Kafka transaction, so the record commits with the result.
 */
@Component
class ToolAccessAudit {

    private static final Set<String> NOT_RUN = Set.of(FailureCode.UNKNOWN_TOOL.name(),
            FailureCode.PATIENT_NOT_BOUND.name(), FailureCode.INVALID_ARGUMENTS.name(), FailureCode.EXPIRED.name());

    private final AuditTrail trail;

    ToolAccessAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** Records the run behind {@code result}, if a tool ran. */
    void ran(ToolCommand command, ToolResult result) {
        action(command, result).ifPresent(action -> trail.record(Actor.service(Invocation.SOURCE),
                command.getMetadata().getPatientId(), action,
                Purpose.conversation(command.getMetadata().getConversationId()), command.getInvokeTool().getTool()));
    }

    /** What the run did with the patient's data; empty when no tool ran. */
    static Optional<AuditAction> action(ToolCommand command, ToolResult result) {
        String patientId = command.getMetadata().getPatientId();
        if (command.getInvokeTool() == null || patientId == null || !Arguments.PATIENT_ID.matcher(patientId).matches()) {
            return Optional.empty();
        }
        boolean completed = result.getType() == ToolResultType.TOOL_COMPLETED;
        if (!completed && result.getFailed() != null && NOT_RUN.contains(result.getFailed().getReasonCode())) {
            return Optional.empty();
        }
        String tool = command.getInvokeTool().getTool();
        if (completed && tool.equals(ToolContracts.PLACE_ORDER.name())) {
            return Optional.of(AuditAction.ORDER_PLACED);
        }
        if (completed && tool.equals(ToolContracts.CANCEL_ORDER.name())) {
            return Optional.of(AuditAction.ORDER_CANCELLED);
        }
        return Optional.of(AuditAction.TOOL_CALLED);
    }
}
