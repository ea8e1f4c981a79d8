package com.rxflow.tools.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolCommandType;
import com.rxflow.events.tool.ToolFailed;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.tools.medication.MedicationHistoryTool;
import com.rxflow.tools.patient.TestPatients;
import com.rxflow.tools.registry.ToolRegistry;

class ToolCommandHandlerTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    private final ToolCommandHandler handler = new ToolCommandHandler(
            new ToolRegistry(List.of(new MedicationHistoryTool(TestPatients.of(
                    TestPatients.patient("patient_a", "Ann Lee", "omeprazole"),
                    TestPatients.patient("patient_b", "Bob Ray", "warfarin"))))),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void answersWithTheBoundPatientsResultCausedByTheCommand() {
        ToolCommand command = invoke("patient_a", "medication_history", encode(MedicationHistoryQuery.newBuilder().setMedication(null).build()));

        ToolResult result = handler.handle(command).orElseThrow();

        assertThat(result.getType()).isEqualTo(ToolResultType.TOOL_COMPLETED);
        assertThat(result.getFailed()).isNull();
        assertThat(result.getMetadata()).isEqualTo(Metadata.causedBy(command.getMetadata(), 0, "tools-service", NOW));
        assertThat(result.getCompleted().getRequestId()).isEqualTo(command.getInvokeTool().getRequestId());
        assertThat(result.getCompleted().getTool()).isEqualTo("medication_history");
        assertThat(result.getCompleted().getDataSource()).isEqualTo("test-data");
        assertThat(result.getCompleted().getDataVersion()).isEqualTo("test-1");
        MedicationHistory history = AvroCodec.shared().decode(TestCommands.bytes(result.getCompleted().getResult()),
                MedicationHistory.class);
        assertThat(history.getPatientFirstName()).isEqualTo("Ann");
        assertThat(history.getMedications()).extracting(MedicationEntry::getName).containsExactly("omeprazole");
    }

    @Test
    void anUnknownToolFailsWithUnknownToolNotRetryable() {
        ToolCommand command = invoke("patient_a", "order_refill", encode(MedicationHistoryQuery.newBuilder().setMedication(null).build()));

        ToolFailed failed = failed(command);

        assertThat(failed.getReasonCode()).isEqualTo("UNKNOWN_TOOL");
        assertThat(failed.getRetryable()).isFalse();
        assertThat(failed.getRequestId()).isEqualTo(command.getInvokeTool().getRequestId());
        assertThat(failed.getTool()).isEqualTo("order_refill");
        assertThat(failed.getReason()).contains("order_refill", "medication_history");
    }

    @Test
    void argumentBytesThatAreNotAvroFailWithInvalidArguments() {
        ToolFailed failed = failed(invoke("patient_a", "medication_history",
                "{\"medication\":\"omeprazole\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(failed.getReasonCode()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(failed.getRetryable()).isFalse();
        assertThat(failed.getReason()).contains("MedicationHistoryQuery");
    }

    @Test
    void argumentsOfAnotherToolsTypeFailWithInvalidArguments() {
        ToolFailed failed = failed(invoke("patient_a", "medication_history",
                encode(MedicationHistory.newBuilder().setPatientFirstName("Ann").setMedications(List.of()).build())));

        assertThat(failed.getReasonCode()).isEqualTo("INVALID_ARGUMENTS");
    }

    @Test
    void aCommandWithoutABoundPatientRunsNoToolAndFailsWithPatientNotBound() {
        ToolFailed failed = failed(invoke(null, "medication_history", encode(MedicationHistoryQuery.newBuilder().setMedication(null).build())));

        assertThat(failed.getReasonCode()).isEqualTo("PATIENT_NOT_BOUND");
        assertThat(failed.getRetryable()).isFalse();
    }

    @Test
    void aPatientTheDataDoesNotKnowFailsWithNotFound() {
        ToolFailed failed = failed(invoke("patient_z", "medication_history", encode(MedicationHistoryQuery.newBuilder().setMedication(null).build())));

        assertThat(failed.getReasonCode()).isEqualTo("NOT_FOUND");
        assertThat(failed.getRetryable()).isFalse();
    }

    @Test
    void aCommandKindThisReleaseDoesNotKnowIsSkipped() {
        assertThat(handler.handle(TestCommands.empty("conv-1", ToolCommandType.UNKNOWN))).isEmpty();
    }

    @Test
    void anInvokeToolCommandWithoutItsInvocationIsRefusedAsBroken() {
        ToolCommand broken = TestCommands.empty("conv-1", ToolCommandType.INVOKE_TOOL);

        assertThatThrownBy(() -> handler.handle(broken)).isInstanceOf(IllegalArgumentException.class);
    }

    private ToolFailed failed(ToolCommand command) {
        ToolResult result = handler.handle(command).orElseThrow();
        assertThat(result.getType()).isEqualTo(ToolResultType.TOOL_FAILED);
        assertThat(result.getCompleted()).isNull();
        assertThat(result.getMetadata().getCausationId()).isEqualTo(command.getMetadata().getEventId());
        return result.getFailed();
    }

    private static ToolCommand invoke(String patientId, String tool, byte[] arguments) {
        return TestCommands.invokeTool("conv-1", patientId, tool, arguments);
    }

    private static byte[] encode(SpecificRecord record) {
        return AvroCodec.shared().encode(record);
    }
}
