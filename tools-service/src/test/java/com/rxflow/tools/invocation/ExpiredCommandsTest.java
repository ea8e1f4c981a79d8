package com.rxflow.tools.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.CancelOrder;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.events.tools.PlaceOrder;
import com.rxflow.events.tools.RenewalRequest;
import com.rxflow.platform.testing.MutableClock;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.schemas.tool.ToolEffect;
import com.rxflow.tools.TestData;
import com.rxflow.tools.medication.MedicationHistoryTool;
import com.rxflow.tools.orders.CancelOrderTool;
import com.rxflow.tools.orders.OrderBook;
import com.rxflow.tools.orders.PlaceOrderTool;
import com.rxflow.tools.orders.RequestRenewalTool;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolRegistry;

/** A command read past its deadline never runs a tool with side effects; reads still answer. */
class ExpiredCommandsTest {

    private static final Instant DEADLINE = TestData.NOW.plus(Duration.ofSeconds(20));

    private final MutableClock clock = new MutableClock(TestData.NOW);
    private final ToolRunner runner = new ToolRunner(ToolCommandHandlerTest.properties());
    private final ToolCommandHandler handler = new ToolCommandHandler(new ToolRegistry(List.of(
            new PlaceOrderTool(TestData.patients(), TestData.catalogue(), TestData.shipped().network(),
                    TestData.shipped().plans()),
            new CancelOrderTool(new OrderBook()),
            new RequestRenewalTool(TestData.patients(), TestData.catalogue()),
            new MedicationHistoryTool(TestData.patients(), TestData.catalogue()))),
            runner, clock, TestData.AUSTIN);

    @AfterEach
    void stopRunner() {
        runner.close();
    }

    @Test
    void anOrderReadBeforeItsDeadlineIsPlaced() {
        clock.advance(Duration.ofSeconds(19));

        Answer answer = handler.handle(withDeadline(order(), DEADLINE)).orElseThrow();

        assertThat(answer.result().getType()).isEqualTo(ToolResultType.TOOL_COMPLETED);
        assertThat(answer.publications()).hasSize(1);
        assertThat(answer.settlesTheRequest()).isTrue();
    }

    @Test
    void anOrderReadAtOrAfterItsDeadlineIsRefusedAsExpiredAndPublishesNoOrder() {
        clock.advance(Duration.ofSeconds(20));
        Answer atTheDeadline = handler.handle(withDeadline(order(), DEADLINE)).orElseThrow();
        clock.advance(Duration.ofMinutes(10));
        Answer muchLater = handler.handle(withDeadline(order(), DEADLINE)).orElseThrow();

        for (Answer answer : List.of(atTheDeadline, muchLater)) {
            assertThat(answer.result().getType()).isEqualTo(ToolResultType.TOOL_FAILED);
            assertThat(answer.result().getFailed().getReasonCode()).isEqualTo(FailureCode.EXPIRED.name());
            assertThat(answer.result().getFailed().getRetryable()).isFalse();
            assertThat(answer.result().getFailed().getReason()).contains("place_order", DEADLINE.toString());
            assertThat(answer.publications()).isEmpty();
            assertThat(answer.settlesTheRequest()).isFalse();
        }
    }

    @Test
    void expiredCancellationsAndRenewalsAreRefusedToo() {
        clock.advance(Duration.ofMinutes(1));

        ToolResult cancel = handler.handle(withDeadline(TestCommands.invokeTool("c-1", "patient_001",
                "cancel_order", CancelOrder.newBuilder().setOrderId("RX-000000000001").build()), DEADLINE))
                .orElseThrow().result();
        Answer renewal = handler.handle(withDeadline(TestCommands.invokeTool("c-1", "patient_001",
                "request_renewal", RenewalRequest.newBuilder().setMedication("metformin").setReasonCode("NO_REFILLS")
                        .build()), DEADLINE)).orElseThrow();

        assertThat(cancel.getFailed().getReasonCode()).isEqualTo(FailureCode.EXPIRED.name());
        assertThat(renewal.result().getFailed().getReasonCode()).isEqualTo(FailureCode.EXPIRED.name());
        assertThat(renewal.publications()).isEmpty();
    }

    @Test
    void aReadPastItsDeadlineStillAnswers() {
        clock.advance(Duration.ofMinutes(1));

        ToolResult result = handler.handle(withDeadline(TestCommands.invokeTool("c-1", "patient_001",
                "medication_history", MedicationHistoryQuery.newBuilder().setMedication("omeprazole").build()), DEADLINE))
                .orElseThrow().result();

        assertThat(result.getType()).isEqualTo(ToolResultType.TOOL_COMPLETED);
    }

    @Test
    void anOrderWithoutADeadlineFromAnOlderCallerIsPlacedWhenever() {
        clock.advance(Duration.ofDays(1));

        Answer answer = handler.handle(order()).orElseThrow();

        assertThat(answer.result().getType()).isEqualTo(ToolResultType.TOOL_COMPLETED);
        assertThat(answer.publications()).hasSize(1);
    }

    @Test
    void exactlyTheToolsThatChangeRecordsAreDeclaredWithSideEffects() {
        assertThat(ToolContracts.ALL.stream().filter(c -> c.effect() == ToolEffect.SIDE_EFFECT))
                .containsExactlyInAnyOrder(ToolContracts.PLACE_ORDER, ToolContracts.CANCEL_ORDER,
                        ToolContracts.REQUEST_RENEWAL);
    }

    private static ToolCommand order() {
        return TestCommands.invokeTool("c-1", "patient_001", "place_order", PlaceOrder.newBuilder()
                .setMedication("omeprazole").setStrength("20 mg").setQuantity(30).setPharmacyId("Walmart Pharmacy #98765")
                .setConfirmationMessageId("m-yes").build());
    }

    private static ToolCommand withDeadline(ToolCommand command, Instant deadline) {
        command.getInvokeTool().setDeadline(deadline);
        return command;
    }
}
