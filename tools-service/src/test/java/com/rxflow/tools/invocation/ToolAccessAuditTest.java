package com.rxflow.tools.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolCompleted;
import com.rxflow.events.tool.ToolFailed;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.schemas.event.Metadata;

class ToolAccessAuditTest {

    @Test
    void aPlacedOrCancelledOrderIsRecordedAsSuchAndAnyOtherRunAsAToolCall() {
        assertThat(ToolAccessAudit.action(command("place_order"), completed())).contains(AuditAction.ORDER_PLACED);
        assertThat(ToolAccessAudit.action(command("cancel_order"), completed())).contains(AuditAction.ORDER_CANCELLED);
        assertThat(ToolAccessAudit.action(command("allergy_check"), completed())).contains(AuditAction.TOOL_CALLED);
        assertThat(ToolAccessAudit.action(command("place_order"), failed("NO_REFILLS_REMAINING")))
                .contains(AuditAction.TOOL_CALLED);
    }

    @Test
    void aCommandRefusedBeforeAnyToolRanIsNotRecorded() {
        assertThat(ToolAccessAudit.action(command("no_such_tool"), failed("UNKNOWN_TOOL"))).isEmpty();
        assertThat(ToolAccessAudit.action(command("allergy_check"), failed("INVALID_ARGUMENTS"))).isEmpty();
        assertThat(ToolAccessAudit.action(TestCommands.invokeTool("conv-1", "not a patient!", "allergy_check",
                new byte[0]), failed("PATIENT_NOT_BOUND"))).isEmpty();
    }

    private static ToolCommand command(String tool) {
        return TestCommands.invokeTool("conv-1", "patient_001", tool, new byte[0]);
    }

    private static ToolResult completed() {
        return result().setType(ToolResultType.TOOL_COMPLETED).setCompleted(ToolCompleted.newBuilder().setRequestId("r")
                .setTool("t").setResult(java.nio.ByteBuffer.wrap(new byte[0])).setDataSource("s").setDataVersion("v")
                .build()).build();
    }

    private static ToolResult failed(String code) {
        return result().setType(ToolResultType.TOOL_FAILED).setFailed(ToolFailed.newBuilder().setRequestId("r")
                .setTool("t").setReasonCode(code).setReason("why").setRetryable(false).build()).build();
    }

    private static ToolResult.Builder result() {
        return ToolResult.newBuilder().setMetadata(Metadata.start("conv-1", "patient_001", "m", "tools-service",
                TestCommands.ASKED_AT));
    }
}
