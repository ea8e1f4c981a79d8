package com.rxflow.escalation.cases;

import static com.rxflow.escalation.cases.EscalationCommandBuilder.anEscalation;
import static com.rxflow.escalation.cases.EscalationCommandBuilder.anUnknownCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.state.EscalationCase;

class CaseDeciderTest {

    private static final Instant NOW = Instant.parse("2025-03-03T09:00:05Z");
    private static final SlaPolicy SLA = new SlaPolicy(Duration.ofHours(4), Duration.ofMinutes(30), Duration.ofMinutes(5));

    private final CaseDecider decider = new CaseDecider(SLA);

    @ParameterizedTest
    @CsvSource({"ROUTINE, PT4H", "HIGH, PT30M", "URGENT, PT5M"})
    void anEscalationOpensACaseDueAfterTheSlaOfItsPriority(EscalationPriority priority, Duration sla) {
        CaseDecision decision = decider.decide(null, anEscalation().priority(priority).build(), NOW);

        assertThat(decision.changedCase().getSlaDueAt()).isEqualTo(NOW.plus(sla));
        assertThat(decision.events()).singleElement()
                .satisfies(event -> assertThat(event.getOpened().getSlaDueAt()).isEqualTo(NOW.plus(sla)));
    }

    @Test
    void theOpenedCaseCarriesWhatThePharmacistNeeds() {
        EscalationCommand command = anEscalation().conversation("conv-9").escalationId("esc-9")
                .route(EscalationRoute.PRESCRIBER).build();

        EscalationCase opened = decider.decide(null, command, NOW).changedCase();

        assertThat(opened.getEscalationId()).isEqualTo("esc-9");
        assertThat(opened.getConversationId()).isEqualTo("conv-9");
        assertThat(opened.getPatientId()).isEqualTo(command.getMetadata().getPatientId());
        assertThat(opened.getStatus()).as("prescriber cases are sent, not opened for a claim").isEqualTo("SENT");
        assertThat(opened.getRoute()).isEqualTo(EscalationRoute.PRESCRIBER);
        assertThat(opened.getPatientSummary().getName()).isEqualTo("John Smith");
        assertThat(opened.getInitialPriority()).isEqualTo(command.getEscalate().getPriority());
        assertThat(opened.getPriority()).isEqualTo(command.getEscalate().getPriority());
        assertThat(opened.getReasonCodes()).isEqualTo(command.getEscalate().getReasonCodes());
        assertThat(opened.getQuestion()).isEqualTo(command.getEscalate().getQuestion());
        assertThat(opened.getMedication()).isEqualTo("lisinopril");
        assertThat(opened.getTranscript()).isEqualTo(command.getEscalate().getTranscript());
        assertThat(opened.getOpenedAt()).isEqualTo(NOW);
    }

    @Test
    void theOpenedEventIsCausedByTheCommandAndKeyedToItsConversation() {
        EscalationCommand command = anEscalation().conversation("conv-9").escalationId("esc-9").build();

        EscalationEvent event = decider.decide(null, command, NOW).events().get(0);

        assertThat(event.getType()).isEqualTo(EscalationEventType.ESCALATION_OPENED);
        assertThat(event.getMetadata()).isEqualTo(Metadata.causedBy(command.getMetadata(), 0, "escalation-service", NOW));
        assertThat(event.getMetadata().getConversationId()).isEqualTo("conv-9");
        assertThat(event.getOpened().getEscalationId()).isEqualTo("esc-9");
        assertThat(event.getOpened().getRoute()).isEqualTo(command.getEscalate().getRoute());
        assertThat(event.getOpened().getReasonCodes()).containsExactly("CLINICAL_QUESTION");
    }

    @Test
    void aRepeatedEscalationOfAnOpenCaseChangesNothing() {
        EscalationCommand first = anEscalation().escalationId("esc-1").build();
        EscalationCase existing = decider.decide(null, first, NOW).changedCase();

        CaseDecision repeat = decider.decide(existing, anEscalation().escalationId("esc-1").build(),
                NOW.plusSeconds(60));

        assertThat(repeat.changesCase()).isFalse();
        assertThat(repeat.events()).isEmpty();
    }

    @Test
    void aCommandOfUnknownTypeIsSkipped() {
        EscalationCommand unknown = anUnknownCommand().build();

        assertThat(CaseDecider.caseId(unknown)).isEmpty();
        assertThat(decider.decide(null, unknown, NOW)).isEqualTo(CaseDecision.unchanged());
    }

    @Test
    void anEscalationIsAboutTheCaseOfItsEscalationId() {
        assertThat(CaseDecider.caseId(anEscalation().escalationId("esc-4").build())).contains("esc-4");
    }

    @Test
    void anEscalationWithoutItsPayloadIsRefused() {
        EscalationCommand broken = anEscalation().withoutPayload().build();

        assertThatThrownBy(() -> decider.decide(null, broken, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no escalate payload");
    }
}
