package com.rxflow.processor.conversation.workflow;

import java.util.List;
import java.util.stream.Stream;

import com.rxflow.processor.understanding.InterpretationContext;
import com.rxflow.processor.understanding.safety.ScreenContext;
import com.rxflow.state.ConversationSnapshot;

/** What the understanding may know of the patient besides the words of the message. */
final class PatientContext {

    private PatientContext() {
    }

    /** What the interpreter may use: the patient's medications, the pharmacies listed, whether a question is open. */
    static InterpretationContext forInterpreter(Turn turn) {
        ConversationSnapshot s = turn.snapshot();
        List<InterpretationContext.KnownMedication> medications = s.getProfile() == null ? List.of()
                : s.getProfile().getMedications().stream().map(m -> new InterpretationContext.KnownMedication(
                        m.getName(), m.getGenericName(), m.getBrandNames(), m.getCondition(), m.getDrugClass())).toList();
        List<InterpretationContext.ListedPharmacy> pharmacies = s.getRequest() == null ? List.of()
                : s.getRequest().getOfferedPharmacies().stream()
                        .map(p -> new InterpretationContext.ListedPharmacy(p.getPharmacyId(), p.getName())).toList();
        return new InterpretationContext(medications, pharmacies, turn.step().asksThePatient() && s.getRequest() != null);
    }

    /** What the safety screen must know of the patient: a fall is an emergency for anyone on a blood thinner. */
    static ScreenContext forScreen(ConversationSnapshot snapshot) {
        return snapshot.getProfile() == null ? ScreenContext.NONE : ScreenContext.ofMedications(snapshot.getProfile()
                .getMedications().stream().flatMap(m -> Stream.of(m.getDrugClass(), m.getGenericName(), m.getName())));
    }
}
