package com.rxflow.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.rxflow.events.patient.ConversationOpened;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.schemas.event.Metadata;

class PatientInputRulesTest {

    private static final PatientInputRules RULES = PatientInputRules.defaults();
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void whatTheGatewayWritesAndAnSmsAdapterWouldWriteIsAccepted() {
        String uuid = "6f0c2a4e-3b1d-4c55-9a77-0d1e2f3a4b5c";
        assertThatCode(() -> RULES.check(uuid, opened(uuid, "patient_001", "web", "local-dev")))
                .doesNotThrowAnyException();
        assertThatCode(() -> RULES.check("sms-1765062000", message("sms-1765062000", "sms-1",
                "Which medications am I on?\n\tThanks", "sms", "sms-adapter"))).doesNotThrowAnyException();
        assertThatCode(() -> RULES.check("c1", message("c1", "m:1.a_b-c", "x".repeat(MessageLength.MAX), "web",
                "web-chat"))).doesNotThrowAnyException();
    }

    @Test
    void aMessageLongerThanTheGatewaysLimitIsRefusedAsTooLong() {
        assertThat(violation("c1", message("c1", "m-1", "x".repeat(MessageLength.MAX + 1), "sms", "sms-adapter")))
                .isEqualTo(InputViolation.MESSAGE_TOO_LONG);
    }

    @Test
    void aMessageWithAControlCharacterIsRefusedButTabsAndLineBreaksAreNot() {
        assertThat(violation("c1", message("c1", "m-1", "refill \u001b[2Jplease", "sms", "sms-adapter")))
                .isEqualTo(InputViolation.CONTROL_CHARACTERS);
        assertThat(violation("c1", message("c1", "m-1", "nul\u0000byte", "sms", "sms-adapter")))
                .isEqualTo(InputViolation.CONTROL_CHARACTERS);
    }

    @Test
    void aConversationIdWithATimerKeySeparatorIsRefusedAsUnsafe() {
        for (String id : new String[] {"c|1", "c#1", "c}1", "c 1", "c\n1", "x".repeat(65), ""}) {
            assertThat(violation(id, message(id, "m-1", "hello", "sms", "sms-adapter"))).as(id)
                    .isEqualTo(InputViolation.UNSAFE_ID);
        }
    }

    @Test
    void aMessageOrClientIdWithASeparatorIsRefusedAsUnsafe() {
        assertThat(violation("c1", message("c1", "m#1", "hello", "sms", "sms-adapter")))
                .isEqualTo(InputViolation.UNSAFE_ID);
        assertThat(violation("c1", message("c1", "m-1", "hello", "sms", "sms|adapter")))
                .isEqualTo(InputViolation.UNSAFE_ID);
    }

    @Test
    void anOpeningForAMalformedPatientOrChannelIsRefused() {
        assertThat(violation("c1", opened("c1", "patient-001", "sms", "sms-adapter")))
                .isEqualTo(InputViolation.INVALID_PATIENT_ID);
        assertThat(violation("c1", opened("c1", "patient_001", "s.m.s", "sms-adapter")))
                .isEqualTo(InputViolation.INVALID_CHANNEL);
    }

    @Test
    void aBlankMessageIsRefusedAsMissing() {
        assertThat(violation("c1", message("c1", "m-1", " \n", "sms", "sms-adapter")))
                .isEqualTo(InputViolation.MISSING_FIELD);
    }

    @Test
    void aRecordFiledUnderAnotherConversationsKeyIsRefusedAsAKeyMismatch() {
        assertThat(violation("c2", message("c1", "m-1", "hello", "sms", "sms-adapter")))
                .isEqualTo(InputViolation.KEY_MISMATCH);
    }

    @Test
    void theRefusalNamesEveryBrokenRuleButNeverThePatientsWordsAndItsReasonIsTyped() {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> RULES.check("c#1",
                message("c#1", "m-1", "my secret \u0007" + "x".repeat(MessageLength.MAX), "sms", "sms-adapter")));

        assertThat(refused.reason()).isEqualTo(InputViolation.UNSAFE_ID);
        assertThat(refused.getMessage()).contains("conversationId", "message.text").doesNotContain("secret");
        assertThat(DeadLetters.typedReason(new RuntimeException("wrapped", refused))).contains(InputViolation.UNSAFE_ID);
    }

    private static InputViolation violation(String key, PatientEvent event) {
        return catchThrowableOfType(InvalidInputException.class, () -> RULES.check(key, event)).reason();
    }

    private static PatientEvent opened(String conversationId, String patientId, String channel, String client) {
        return PatientEvent.newBuilder().setMetadata(Metadata.start(conversationId, patientId, conversationId, "test", AT))
                .setType(PatientEventType.CONVERSATION_OPENED)
                .setConversationOpened(new ConversationOpened(patientId, channel, client)).build();
    }

    private static PatientEvent message(String conversationId, String messageId, String text, String channel,
            String client) {
        return PatientEvent.newBuilder().setMetadata(Metadata.start(conversationId, "patient_002", messageId, "test", AT))
                .setType(PatientEventType.MESSAGE_RECEIVED)
                .setMessageReceived(new PatientMessageReceived(messageId, text, channel, client)).build();
    }
}
