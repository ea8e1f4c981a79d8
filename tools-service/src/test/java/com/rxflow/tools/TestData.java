package com.rxflow.tools;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.core.io.ClassPathResource;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.tools.data.BundledDataSet;
import com.rxflow.tools.data.DataFile;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.patient.InMemoryPatientDirectory;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.Tool;
import com.rxflow.tools.registry.ToolFailure;
import com.rxflow.tools.registry.ToolOutcome;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The shipped data set and invocations for tool tests. The clock is fixed at a Wednesday 9:00 in
 * Austin; because the data's dates are relative to today, any other day would give the same
 * answers (except opening hours, which is why the day is fixed).
 */
public final class TestData {

    public static final ZoneId AUSTIN = ZoneId.of("America/Chicago");
    /** Wednesday 2026-03-04, 09:00 in Austin. */
    public static final Instant NOW = Instant.parse("2026-03-04T15:00:00Z");
    public static final LocalDate TODAY = LocalDate.ofInstant(NOW, AUSTIN);

    private static final BundledDataSet SHIPPED = load();

    private TestData() {
    }

    public static BundledDataSet shipped() {
        return SHIPPED;
    }

    public static DrugCatalogue catalogue() {
        return SHIPPED.catalogue();
    }

    public static PatientDirectory patients() {
        return new InMemoryPatientDirectory(SHIPPED.provenance(), SHIPPED.patients());
    }

    public static DataFile reader() {
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            return new DataFile(JsonMapper.builder().build(), validation.getValidator());
        }
    }

    private static BundledDataSet load() {
        return BundledDataSet.load(reader(), new ClassPathResource("data/"));
    }

    public static Invocation invocation(String patientId) {
        return invocation(patientId, NOW, "req-" + UUID.randomUUID());
    }

    public static Invocation invocation(String patientId, Instant now, String requestId) {
        EventMetadata cause = Metadata.start("conv-test", patientId, "msg-1", "conversation-processor", now);
        return new Invocation(patientId, requestId, cause, now, AUSTIN);
    }

    /** Runs the tool as the runner would and returns its result, failing the test on a failure. */
    public static <A extends SpecificRecord, R extends SpecificRecord> R result(Tool<A, R> tool, Invocation invocation, A arguments) {
        ToolOutcome<R> outcome = tool.run(invocation, arguments);
        assertThat(outcome).isInstanceOf(ToolOutcome.Completed.class);
        return ((ToolOutcome.Completed<R>) outcome).result();
    }

    public static <A extends SpecificRecord, R extends SpecificRecord> ToolOutcome.Completed<R> completed(Tool<A, R> tool,
            Invocation invocation, A arguments) {
        ToolOutcome<R> outcome = tool.run(invocation, arguments);
        assertThat(outcome).isInstanceOf(ToolOutcome.Completed.class);
        return (ToolOutcome.Completed<R>) outcome;
    }

    /** The failure the tool raises, checked to carry the code. */
    public static <A extends SpecificRecord, R extends SpecificRecord> ToolFailure failure(Tool<A, R> tool,
            Invocation invocation, A arguments, FailureCode code) {
        ToolFailure failure = catchThrowableOfType(ToolFailure.class, () -> tool.run(invocation, arguments));
        assertThat(failure).as("the tool fails").isNotNull();
        assertThat(failure.code()).as("failure code (%s)", failure.getMessage()).isEqualTo(code);
        return failure;
    }
}
