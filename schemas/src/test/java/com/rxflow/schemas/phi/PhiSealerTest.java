package com.rxflow.schemas.phi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.schemas.avro.AvroCodec;

class PhiSealerTest {

    private final MemoryKeyring keyring = new MemoryKeyring();
    private final PhiSealer sealer = new PhiSealer(keyring);

    @Test
    void sealsTheMessageTextAndLeavesTheTypesAndIdsInTheClear() {
        PatientEvent event = PhiRecords.message("c-1", "pt-a", "my warfarin makes me bleed");

        PatientEvent sealed = sealer.seal(event);

        assertThat(sealed.getMessageReceived().getText()).startsWith(FieldCipher.STRING_PREFIX)
                .doesNotContain("warfarin");
        assertThat(sealed.getMetadata()).isEqualTo(event.getMetadata());
        assertThat(sealed.getType()).isEqualTo(event.getType());
        assertThat(sealed.getMessageReceived().getChannel()).isEqualTo("web");
        assertThat(event.getMessageReceived().getText()).as("the caller's record is not changed")
                .isEqualTo("my warfarin makes me bleed");
    }

    @Test
    void aSealedRecordOpensToTheOriginalAfterEncodingAndDecoding() {
        PatientEvent event = PhiRecords.message("c-1", "pt-a", "refill my lisinopril");
        byte[] bytes = AvroCodec.shared().encode(sealer.seal(event));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("lisinopril");
        assertThat(sealer.open(AvroCodec.shared().decode(bytes, PatientEvent.class))).isEqualTo(event);
    }

    @Test
    void sealsBytesFieldsToo() {
        ToolResult result = PhiRecords.toolResult("c-1", "pt-a", "history: sertraline 50 mg");

        ToolResult sealed = sealer.seal(result);

        assertThat(StandardCharsets.UTF_8.decode(sealed.getCompleted().getResult().duplicate()).toString())
                .doesNotContain("sertraline");
        assertThat(sealer.open(sealed)).isEqualTo(result);
    }

    @Test
    void aForgottenPatientsFieldsReadAsErasedAndTheRestOfTheRecordReads() {
        PatientEvent sealed = sealer.seal(PhiRecords.message("c-1", "pt-a", "my phone is 555-0100"));
        ToolResult sealedResult = sealer.seal(PhiRecords.toolResult("c-1", "pt-a", "history"));
        keyring.forget("pt-a");

        PatientEvent opened = sealer.open(sealed);
        assertThat(opened.getMessageReceived().getText()).isEqualTo(PhiSealer.ERASED);
        assertThat(opened.getMetadata().getPatientId()).isEqualTo("pt-a");
        assertThat(opened.getMessageReceived().getMessageId()).isEqualTo("m-1");
        assertThat(sealer.open(sealedResult).getCompleted().getResult().remaining())
                .as("required bytes read as empty").isZero();
    }

    @Test
    void aSealedValueMovedToAnotherPatientsRecordDoesNotOpen() {
        PatientEvent forA = sealer.seal(PhiRecords.message("c-1", "pt-a", "my address is 1 Elm St"));
        keyring.currentKey("pt-b");
        PatientEvent forB = sealer.seal(PhiRecords.message("c-2", "pt-b", "hello"));
        // pt-b's record made to carry pt-a's sealed text, under pt-b's own key id: the AAD differs
        String stolen = forA.getMessageReceived().getText();
        String keyOfB = FieldCipher.keyIdOf(forB.getMessageReceived().getText());
        String forged = FieldCipher.STRING_PREFIX + keyOfB + stolen.substring(stolen.lastIndexOf(':'));
        forB.getMessageReceived().setText(forged);

        assertThatThrownBy(() -> sealer.open(forB)).isInstanceOf(PhiSealException.class);
    }

    @Test
    void aSealedValueUnderAnotherFieldsPathDoesNotOpen() {
        FieldCipher cipher = new FieldCipher();
        DataKey key = keyring.currentKey("pt-a");
        String sealed = cipher.seal("ibuprofen", key, "com.rxflow.state.TranscriptLine.text");

        assertThat(cipher.open(sealed, key, "com.rxflow.state.TranscriptLine.text")).isEqualTo("ibuprofen");
        assertThatThrownBy(() -> cipher.open(sealed, key, "com.rxflow.state.DeferredMessage.text"))
                .isInstanceOf(PhiSealException.class);
    }

    @Test
    void anAlteredCiphertextIsRefused() {
        PatientEvent sealed = sealer.seal(PhiRecords.message("c-1", "pt-a", "metformin"));
        String text = sealed.getMessageReceived().getText();
        // a character inside the payload: the last one may carry only base64 padding bits, which decoding ignores
        int at = text.length() - 6;
        char changed = text.charAt(at) == 'A' ? 'B' : 'A';
        sealed.getMessageReceived().setText(text.substring(0, at) + changed + text.substring(at + 1));

        assertThatThrownBy(() -> sealer.open(sealed)).isInstanceOf(PhiSealException.class);
    }

    @Test
    void alteredSealedBytesAreRefused() {
        ToolResult sealed = sealer.seal(PhiRecords.toolResult("c-1", "pt-a", "allergies: penicillin"));
        ByteBuffer bytes = sealed.getCompleted().getResult();
        bytes.put(bytes.limit() - 1, (byte) (bytes.get(bytes.limit() - 1) ^ 1));

        assertThatThrownBy(() -> sealer.open(sealed)).isInstanceOf(PhiSealException.class);
    }

    @Test
    void aRecordWithoutAPatientAndAClearRecordAreLeftAsTheyAre() {
        PatientEvent anonymous = PhiRecords.message("c-1", null, "is the pharmacy open?");
        assertThat(sealer.seal(anonymous)).isSameAs(anonymous);

        PatientEvent writtenInTheClear = PhiRecords.message("c-1", "pt-a", "written before encryption was on");
        assertThat(sealer.open(PatientEvent.newBuilder(writtenInTheClear).build())).isEqualTo(writtenInTheClear);
    }

    @Test
    void oneThreadSealingForTwoPatientsInTurnOpensEachWithItsOwnKey() {
        // the thread's cipher is reused; a cipher keeps the last key's schedule, which must never leak to the next patient
        PatientEvent forA = sealer.seal(PhiRecords.message("c-1", "pt-a", "warfarin 5 mg"));
        PatientEvent forB = sealer.seal(PhiRecords.message("c-2", "pt-b", "sertraline 50 mg"));
        PatientEvent againA = sealer.seal(PhiRecords.message("c-1", "pt-a", "and ibuprofen"));

        assertThat(sealer.open(forB).getMessageReceived().getText()).isEqualTo("sertraline 50 mg");
        assertThat(sealer.open(forA).getMessageReceived().getText()).isEqualTo("warfarin 5 mg");
        assertThat(sealer.open(againA).getMessageReceived().getText()).isEqualTo("and ibuprofen");
        keyring.forget("pt-a");
        assertThat(sealer.open(sealer.seal(PhiRecords.message("c-1", "pt-a", "new words")))
                .getMessageReceived().getText()).as("a new key after forgetting").isEqualTo("new words");
    }

    @Test
    void aRefusedValueLeavesTheThreadsCipherUsableForTheNextRecord() {
        ToolResult altered = sealer.seal(PhiRecords.toolResult("c-1", "pt-a", "allergies: penicillin"));
        ByteBuffer bytes = altered.getCompleted().getResult();
        bytes.put(bytes.limit() - 1, (byte) (bytes.get(bytes.limit() - 1) ^ 1));
        PatientEvent intact = sealer.seal(PhiRecords.message("c-1", "pt-a", "metformin"));

        assertThatThrownBy(() -> sealer.open(altered)).isInstanceOf(PhiSealException.class);
        assertThat(sealer.open(intact).getMessageReceived().getText()).isEqualTo("metformin");
    }

    @Test
    void aRecordSealedOnOneThreadOpensOnAnother() throws Exception {
        PatientEvent event = PhiRecords.message("c-1", "pt-a", "atorvastatin");
        PatientEvent sealed = java.util.concurrent.CompletableFuture.supplyAsync(() -> sealer.seal(event)).get();

        assertThat(sealer.open(sealed)).isEqualTo(event);
    }

    @Test
    void aRecordAsksTheKeyringOnceForItsKeyNotOncePerField() {
        CountingKeyring counting = new CountingKeyring(keyring);
        PhiSealer countingSealer = new PhiSealer(counting);
        ReplyEvent sealed = countingSealer.seal(PhiRecords.reply("c-1", "pt-a",
                "Your omeprazole is ready", List.of("yes", "no", "talk to a pharmacist")));
        counting.lookups = 0;

        countingSealer.open(sealed);

        assertThat(counting.lookups).isEqualTo(1);
    }

    private static final class CountingKeyring implements PatientKeyring {
        private final PatientKeyring keys;
        int lookups;

        CountingKeyring(PatientKeyring keys) {
            this.keys = keys;
        }

        @Override
        public DataKey currentKey(String patientId) {
            return keys.currentKey(patientId);
        }

        @Override
        public java.util.Optional<DataKey> key(String patientId, String keyId) {
            lookups++;
            return keys.key(patientId, keyId);
        }
    }
}
