package com.rxflow.gateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import com.rxflow.gateway.reply.ReplyView;

class TranscriptTest {

    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void whetherAReplyEndedItsTurnIsWhatTheReplySaysNotWhereItStands() {
        // m1's last reply said more would follow (its follow-up was never kept); m2's ended the turn although
        // background work about m2 is still pending
        Transcript transcript = Transcript.of(state(List.of(new ConversationState.Pending("TOOL", "t1", "x", "m2", AT)),
                patient("m1"), reply("m1", "r1", 1, false), patient("m2"), reply("m2", "r2", 2, true)));

        assertThat(transcript.answerTo("m1")).isEmpty();
        assertThat(transcript.answerTo("m2")).hasValueSatisfying(replies ->
                assertThat(replies.replies()).extracting(ReplyView::isFinal).containsExactly(true));
        assertThat(transcript.repliesAfter(0)).extracting(ReplyView::isFinal).containsExactly(false, true);
    }

    @Test
    void turnCompleteIsReadFromTheProcessorAndNotShownInTheApisTranscript() {
        JsonMapper json = JsonMapper.builder().findAndAddModules().build();
        ConversationState.TranscriptLine line = json.readValue("""
                {"role":"assistant","text":"Which medication?","at":"2025-01-01T10:00:00Z","messageId":"m1",
                 "replyId":"r1","sequence":1,"turnComplete":false}""", ConversationState.TranscriptLine.class);

        assertThat(line.turnComplete()).isFalse();
        assertThat(json.writeValueAsString(line)).contains("\"replyId\":\"r1\"").doesNotContain("turnComplete");
    }

    @Test
    void aMessageIsAnsweredOnceTheProcessorWaitsForNothingMoreOnIt() {
        Transcript transcript = Transcript.of(state(List.of(),
                patient("m1"), reply("m1", "r1", 1), reply("m1", "r2", 2), patient("m2"), reply("m2", "r3", 3)));

        assertThat(transcript.received("m1")).isTrue();
        assertThat(transcript.received("m9")).isFalse();
        assertThat(transcript.answerTo("m1")).hasValueSatisfying(replies -> {
            assertThat(replies.replies()).extracting(ReplyView::replyId).containsExactly("r1", "r2");
            assertThat(replies.replies()).extracting(ReplyView::isFinal).containsExactly(false, true);
            assertThat(replies.replies()).extracting(ReplyView::state).containsOnlyNulls();
        });
        assertThat(transcript.answerTo("m2")).hasValueSatisfying(replies ->
                assertThat(replies.finalReply()).map(ReplyView::state).hasValue("COMPLETED"));
    }

    @Test
    void aMessageThePendingWorkIsForIsNotAnsweredYet() {
        Transcript transcript = Transcript.of(state(List.of(new ConversationState.Pending("TOOL", "t1", "x", "m1", AT)),
                patient("m1"), reply("m1", "r1", 1)));

        assertThat(transcript.received("m1")).isTrue();
        assertThat(transcript.answerTo("m1")).isEmpty();
        assertThat(transcript.repliesAfter(0)).singleElement().satisfies(reply -> assertThat(reply.isFinal()).isFalse());
    }

    @Test
    void aStreamResumesAfterTheLastSequenceItSaw() {
        Transcript transcript = Transcript.of(state(List.of(),
                patient("m1"), reply("m1", "r1", 1), reply(null, "p1", 2), patient("m2"), reply("m2", "r3", 3)));

        assertThat(transcript.repliesAfter(1)).extracting(ReplyView::sequence).containsExactly(2L, 3L);
        assertThat(transcript.repliesAfter(1)).extracting(ReplyView::author).containsExactly("ASSISTANT", "ASSISTANT");
        assertThat(transcript.repliesAfter(3)).isEmpty();
    }

    private static ConversationState state(List<ConversationState.Pending> pending,
            ConversationState.TranscriptLine... lines) {
        return new ConversationState("c1", "P100", "web", "web-a", "simple", "COMPLETED", null, 2L, AT, AT, pending,
                List.of(lines), null);
    }

    private static ConversationState.TranscriptLine patient(String messageId) {
        return new ConversationState.TranscriptLine("patient", "hello", AT, messageId, null, 0L, null);
    }

    /** A reply kept by a processor that did not record whether it ended its turn. */
    private static ConversationState.TranscriptLine reply(String messageId, String replyId, long sequence) {
        return reply(messageId, replyId, sequence, null);
    }

    private static ConversationState.TranscriptLine reply(String messageId, String replyId, long sequence,
            Boolean turnComplete) {
        return new ConversationState.TranscriptLine("assistant", "reply " + sequence, AT, messageId, replyId, sequence,
                turnComplete);
    }
}
