package com.rxflow.tools.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolCommandType;
import com.rxflow.events.tool.ToolFailed;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.DrugLookup;
import com.rxflow.events.tools.DrugLookupQuery;
import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.events.tools.PharmacySearch;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.TestData;
import com.rxflow.tools.medication.MedicationHistoryTool;
import com.rxflow.tools.pharmacy.FindPharmaciesTool;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.Provenance;
import com.rxflow.tools.registry.ToolFailure;
import com.rxflow.tools.registry.ToolOutcome;
import com.rxflow.tools.registry.ToolRegistry;

/** Every way a command can be bad ends in a ToolFailed with a reason code, never an exception loop. */
class ToolCommandHandlerTest {

    private static final Instant NOW = TestData.NOW;

    /** drug_lookup that sleeps, or fails as unavailable a number of times, as a remote source may. */
    private final Unreliable unreliable = new Unreliable();
    private final ToolRunner runner = new ToolRunner(properties());
    private final ToolCommandHandler handler = new ToolCommandHandler(new ToolRegistry(List.of(
            new MedicationHistoryTool(TestData.patients(), TestData.catalogue()),
            new FindPharmaciesTool(TestData.patients(), TestData.catalogue(), TestData.shipped().network(), TestData.shipped().plans()),
            unreliable)), runner, Clock.fixed(NOW, ZoneOffset.UTC), TestData.AUSTIN);

    @AfterEach
    void stopRunner() {
        runner.close();
    }

    @Test
    void answersWithTheBoundPatientsResultCausedByTheCommand() {
        ToolCommand command = invoke("patient_001", "medication_history", encode(MedicationHistoryQuery.newBuilder().setMedication("omeprazole").build()));

        ToolResult result = handler.handle(command).orElseThrow().result();

        assertThat(result.getType()).isEqualTo(ToolResultType.TOOL_COMPLETED);
        assertThat(result.getMetadata()).isEqualTo(Metadata.causedBy(command.getMetadata(), 0, "tools-service", NOW));
        assertThat(result.getCompleted().getRequestId()).isEqualTo(command.getInvokeTool().getRequestId());
        assertThat(result.getCompleted().getDataSource()).isEqualTo("bundled-demo-data");
        assertThat(result.getCompleted().getDataVersion()).isEqualTo("2026.1+seed-45ffb70");
        MedicationHistory history = AvroCodec.shared().decode(TestCommands.bytes(result.getCompleted().getResult()), MedicationHistory.class);
        assertThat(history.getMedications()).extracting(MedicationEntry::getName).containsExactly("omeprazole");
    }

    @Test
    void anUnknownToolFailsWithUnknownToolNotRetryable() {
        ToolFailed failed = failed(invoke("patient_001", "order_refill", encode(MedicationHistoryQuery.newBuilder().build())));

        assertThat(failed.getReasonCode()).isEqualTo("UNKNOWN_TOOL");
        assertThat(failed.getRetryable()).isFalse();
        assertThat(failed.getTool()).isEqualTo("order_refill");
        assertThat(failed.getReason()).contains("order_refill", "medication_history");
    }

    @Test
    void argumentsThatAreNotAvroOrOfAnotherToolFailWithInvalidArguments() {
        assertThat(failed(invoke("patient_001", "medication_history", "{\"medication\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .getReasonCode()).isEqualTo("INVALID_ARGUMENTS");
        ToolFailed other = failed(invoke("patient_001", "medication_history", encode(PharmacySearch.newBuilder().build())));
        assertThat(other.getReasonCode()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(other.getReason()).contains("MedicationHistoryQuery");
    }

    @Test
    void malformedValuesFailWithInvalidArgumentsNamingTheArgument() {
        ToolFailed name = failed(invoke("patient_001", "medication_history",
                encode(MedicationHistoryQuery.newBuilder().setMedication("omeprazole'; DROP TABLE").build())));
        assertThat(name.getReasonCode()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(name.getReason()).contains("'medication'");
        ToolFailed zip = failed(invoke("patient_001", "find_pharmacies", encode(PharmacySearch.newBuilder().setZip("787O1").build())));
        assertThat(zip.getReasonCode()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(zip.getReason()).contains("'zip'");
    }

    @Test
    void aCommandWithoutABoundPatientOrWithAMalformedOneRunsNoTool() {
        assertThat(failed(invoke(null, "medication_history", encode(MedicationHistoryQuery.newBuilder().build()))).getReasonCode())
                .isEqualTo("PATIENT_NOT_BOUND");
        assertThat(failed(invoke("patient-001; x", "medication_history", encode(MedicationHistoryQuery.newBuilder().build())))
                .getReasonCode()).isEqualTo("PATIENT_NOT_BOUND");
    }

    @Test
    void aPatientTheDataDoesNotKnowFailsWithNotFound() {
        assertThat(failed(invoke("patient_z", "medication_history", encode(MedicationHistoryQuery.newBuilder().build()))).getReasonCode())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void aToolThatOverrunsItsTimeLimitIsTriedAgainThenAnsweredTimeoutRetryable() {
        unreliable.sleep = Duration.ofSeconds(5);

        ToolFailed failed = failed(invoke("patient_001", "drug_lookup", encode(DrugLookupQuery.newBuilder().setTerm("x").build())));

        assertThat(failed.getReasonCode()).isEqualTo("TIMEOUT");
        assertThat(failed.getRetryable()).isTrue();
        assertThat(unreliable.calls.get()).isEqualTo(3);
    }

    @Test
    void noRetryStartsThatCouldNotFinishWithinTheRetryBudget() {
        unreliable.sleep = Duration.ofSeconds(5);
        InvocationProperties tight = properties();
        tight = new InvocationProperties(tight.zone(), tight.timeout(), tight.timeouts(),
                new InvocationProperties.Retry(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(50), Duration.ofMillis(500)),
                tight.requestLog());
        try (ToolRunner budgeted = new ToolRunner(tight)) {
            ToolCommandHandler handler = new ToolCommandHandler(new ToolRegistry(List.of(unreliable)), budgeted,
                    Clock.fixed(NOW, ZoneOffset.UTC), TestData.AUSTIN);

            ToolResult result = handler.handle(invoke("patient_001", "drug_lookup",
                    encode(DrugLookupQuery.newBuilder().setTerm("x").build()))).orElseThrow().result();

            // a second attempt would end 300 + 10 + 300 ms after the first began, past the 500 ms budget
            assertThat(result.getFailed().getReasonCode()).isEqualTo("TIMEOUT");
            assertThat(unreliable.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void aRetryableFailureIsRetriedWithBackoffUntilTheSourceAnswers() {
        unreliable.failures = 2;

        ToolResult result = handler.handle(invoke("patient_001", "drug_lookup", encode(DrugLookupQuery.newBuilder().setTerm("x").build())))
                .orElseThrow().result();

        assertThat(result.getType()).isEqualTo(ToolResultType.TOOL_COMPLETED);
        assertThat(unreliable.calls.get()).isEqualTo(3);
    }

    @Test
    void aNonRetryableFailureIsNotRetried() {
        failed(invoke("patient_001", "medication_history", encode(MedicationHistoryQuery.newBuilder().setMedication("<b>").build())));
        unreliable.failures = 0;
        assertThat(unreliable.calls.get()).isZero();
    }

    @Test
    void aCommandKindThisReleaseDoesNotKnowIsSkipped() {
        assertThat(handler.handle(TestCommands.empty("conv-1", ToolCommandType.UNKNOWN))).isEmpty();
    }

    @Test
    void anInvokeToolCommandWithoutItsInvocationIsRefusedAsBroken() {
        assertThatThrownBy(() -> handler.handle(TestCommands.empty("conv-1", ToolCommandType.INVOKE_TOOL)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ToolFailed failed(ToolCommand command) {
        ToolResult result = handler.handle(command).orElseThrow().result();
        assertThat(result.getType()).isEqualTo(ToolResultType.TOOL_FAILED);
        assertThat(result.getCompleted()).isNull();
        assertThat(result.getMetadata().getCausationId()).isEqualTo(command.getMetadata().getEventId());
        assertThat(result.getFailed().getRequestId()).isEqualTo(command.getInvokeTool().getRequestId());
        return result.getFailed();
    }

    private static ToolCommand invoke(String patientId, String tool, byte[] arguments) {
        return TestCommands.invokeTool("conv-1", patientId, tool, arguments);
    }

    private static byte[] encode(SpecificRecord record) {
        return AvroCodec.shared().encode(record);
    }

    static InvocationProperties properties() {
        return new InvocationProperties(TestData.AUSTIN, Duration.ofMillis(300), Map.of(),
                new InvocationProperties.Retry(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(50), Duration.ofSeconds(5)),
                new InvocationProperties.RequestLog("request-log", Duration.ofDays(1)));
    }

    private static final class Unreliable extends ContractTool<DrugLookupQuery, DrugLookup> {

        final AtomicInteger calls = new AtomicInteger();
        volatile Duration sleep = Duration.ZERO;
        volatile int failures;

        Unreliable() {
            super(ToolContracts.DRUG_LOOKUP);
        }

        @Override
        public ToolOutcome<DrugLookup> run(Invocation invocation, DrugLookupQuery query) {
            calls.incrementAndGet();
            try {
                Thread.sleep(sleep.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolFailure(FailureCode.UNAVAILABLE, "interrupted");
            }
            if (failures > 0) {
                failures--;
                throw new ToolFailure(FailureCode.UNAVAILABLE, "source down");
            }
            return ToolOutcome.completed(DrugLookup.newBuilder().setTerm(query.getTerm()).setCandidates(List.of()).build(),
                    new Provenance("flaky", "1"));
        }
    }
}
