package com.rxflow.schemas.phi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.events.reply.AssistantReplied;
import com.rxflow.events.reply.ReplyAuthor;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.events.tool.ToolCompleted;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.schemas.event.Metadata;

/** Records about a patient, for the PHI tests. */
public final class PhiRecords {

    private PhiRecords() {
    }

    public static PatientEvent message(String conversationId, String patientId, String text) {
        return PatientEvent.newBuilder()
                .setMetadata(Metadata.start(conversationId, patientId, "m-1", "gateway", Instant.parse("2026-12-07T02:00:00Z")))
                .setType(PatientEventType.MESSAGE_RECEIVED)
                .setMessageReceived(PatientMessageReceived.newBuilder()
                        .setMessageId("m-1").setText(text).setChannel("web").setClientId("web-app").build())
                .build();
    }

    public static ToolResult toolResult(String conversationId, String patientId, String result) {
        return ToolResult.newBuilder()
                .setMetadata(Metadata.start(conversationId, patientId, "m-1", "tools-service", Instant.parse("2026-12-07T02:00:00Z")))
                .setType(ToolResultType.TOOL_COMPLETED)
                .setCompleted(ToolCompleted.newBuilder().setRequestId("r-1").setTool("medication_history")
                        .setResult(ByteBuffer.wrap(result.getBytes(StandardCharsets.UTF_8)))
                        .setDataSource("demo").setDataVersion("1").build())
                .build();
    }

    /** A reply with four PHI values: its text and three quick replies. */
    public static ReplyEvent reply(String conversationId, String patientId, String text, List<String> quickReplies) {
        return ReplyEvent.newBuilder()
                .setMetadata(Metadata.start(conversationId, patientId, "m-1", "conversation-processor",
                        Instant.parse("2026-12-07T02:00:00Z")))
                .setType(ReplyEventType.ASSISTANT_REPLIED)
                .setReplied(AssistantReplied.newBuilder().setReplyId("r-1").setInReplyTo("m-1").setSequence(1)
                        .setText(text).setAuthor(ReplyAuthor.ASSISTANT).setState("GATHERING_INFO")
                        .setQuickReplies(List.copyOf(quickReplies)).build())
                .build();
    }
}
