package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.LateSideEffect;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolFailed;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.schemas.event.Metadata;

/**
 * Deadlines on tool commands and the answers that come after them: an order placed after the patient
 * was told that the pharmacy system was not answering is recorded and reaches a pharmacist's case.
 */
class LateSideEffectTest {

    private static final String C = "c-late";
    private ConversationDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void everyToolCommandCarriesTheDeadlineAtWhichItsTimerGivesUpOnIt() {
        confirmAnOrderWhilePlaceOrderIsSilent();
        ToolCommand first = placeOrders().get(0);
        driver.advance(Duration.ofSeconds(21));

        assertThat(first.getInvokeTool().getDeadline())
                .isEqualTo(first.getMetadata().getOccurredAt().plus(ConversationDriver.POLICY.toolTimeout()));
        ToolCommand retry = placeOrders().get(1);
        assertThat(retry.getInvokeTool().getDeadline())
                .isEqualTo(retry.getMetadata().getOccurredAt().plus(ConversationDriver.POLICY.toolTimeout()))
                .isAfter(first.getInvokeTool().getDeadline());
        assertThat(driver.toolCommands()).allSatisfy(c -> assertThat(c.getInvokeTool().getDeadline()).isNotNull());
    }

    @Test
    void anOrderPlacedAfterThePatientWasToldItFailedIsRecordedAndReachesAPharmacistsCase() {
        confirmAnOrderWhilePlaceOrderIsSilent();
        driver.advance(Duration.ofSeconds(21));
        assertThat(text(driver.advance(Duration.ofSeconds(21)))).contains("not answering", "pharmacist");
        int casesBefore = cases().size();

        // tools-service comes back and runs the queued commands (old ones carry no deadline); the
        // second attempt is answered from its request log with the same order
        List<ReplyEvent> late = driver.answerSilentTools(PharmacyFixtures.seed());

        assertThat(late).as("the patient hears nothing from the assistant about it").isEmpty();
        List<ConversationEvent> recorded = driver.events().stream()
                .filter(e -> e.getType() == ConversationEventType.LATE_SIDE_EFFECT_RECORDED).toList();
        assertThat(recorded).as("recorded once, however often it is repeated").singleElement().satisfies(e -> {
            assertThat(e.getLateSideEffect().getTool()).isEqualTo("place_order");
            assertThat(e.getLateSideEffect().getEffect()).isEqualTo(LateSideEffect.ORDER_PLACED);
            assertThat(e.getLateSideEffect().getRequestId()).isEqualTo(placeOrders().get(0).getInvokeTool().getRequestId());
            assertThat(e.getLateSideEffect().getReference()).startsWith("RX");
        });
        String orderId = recorded.get(0).getLateSideEffect().getReference();
        List<EscalationCommand> opened = cases().subList(casesBefore, cases().size());
        assertThat(opened).singleElement().satisfies(e -> {
            assertThat(e.getEscalate().getEscalationId()).isEqualTo(recorded.get(0).getLateSideEffect().getEscalationId());
            assertThat(e.getEscalate().getReasonCodes()).containsExactly("LATE_SIDE_EFFECT");
            assertThat(e.getEscalate().getPriority()).isEqualTo(EscalationPriority.HIGH);
            assertThat(e.getEscalate().getMedication()).isEqualTo("omeprazole");
            assertThat(e.getEscalate().getQuestion()).contains("Order " + orderId, "was placed", "not answering");
        });
        assertThat(driver.state(C).getAbandonedCalls()).isEmpty();
        assertThat(driver.state(C).getStep()).isEqualTo("WITH_PHARMACIST");
    }

    @Test
    void anOrderAnsweredInTimeAndRepeatedLaterIsNoCase() {
        driver = new ConversationDriver(PharmacyFixtures.seed());
        driver.open(C);
        placeTheOrder();
        ToolCommand order = placeOrders().get(0);
        int casesBefore = cases().size();

        driver.advance(Duration.ofMinutes(1));
        driver.deliver(PharmacyFixtures.seed().answer(order, driver.now()));

        assertThat(driver.events()).noneMatch(e -> e.getType() == ConversationEventType.LATE_SIDE_EFFECT_RECORDED);
        assertThat(cases()).hasSize(casesBefore);
    }

    @Test
    void anAttemptRefusedAsExpiredLeavesTheRetryToPlaceTheOrder() {
        confirmAnOrderWhilePlaceOrderIsSilent();
        driver.advance(Duration.ofSeconds(21));
        assertThat(placeOrders()).hasSize(2);

        // tools-service comes back between the two deadlines: the first attempt is refused unrun, the retry runs
        Set<String> refused = new HashSet<>();
        List<ReplyEvent> replies = driver.answerSilentTools(new ToolResponder() {
            @Override
            public boolean answers(ToolCommand command) {
                return true;
            }

            @Override
            public ToolResult answer(ToolCommand command, Instant now) {
                if (refused.add(command.getInvokeTool().getRequestId())) {
                    return ToolResult.newBuilder().setMetadata(Metadata.causedBy(command.getMetadata(), 0, "tools-service", now))
                            .setType(ToolResultType.TOOL_FAILED).setFailed(new ToolFailed(command.getInvokeTool().getRequestId(),
                                    "place_order", "EXPIRED", "expired", false)).build();
                }
                return PharmacyFixtures.seed().answer(command, now);
            }
        });

        assertThat(text(replies)).contains("Your order RX", "is placed");
        assertThat(driver.state(C).getStep()).isEqualTo("COMPLETE");
    }

    private void confirmAnOrderWhilePlaceOrderIsSilent() {
        driver = new ConversationDriver(PharmacyFixtures.seed().withSilent("place_order"));
        driver.open(C);
        placeTheOrder();
        assertThat(placeOrders()).hasSize(1);
    }

    private void placeTheOrder() {
        driver.say(C, "m-1", "I need to refill my omeprazole");
        driver.say(C, "m-2", "yes");
        driver.say(C, "m-3", "the cheapest");
        driver.say(C, "m-4", "Yes, please place the order");
    }

    private List<ToolCommand> placeOrders() {
        return driver.toolCommands().stream().filter(c -> c.getInvokeTool().getTool().equals("place_order")).toList();
    }

    private List<EscalationCommand> cases() {
        return driver.escalations().stream().filter(e -> e.getEscalate() != null).toList();
    }

    private static String text(List<ReplyEvent> replies) {
        return String.join("\n", replies.stream().map(r -> r.getReplied().getText()).toList());
    }
}
