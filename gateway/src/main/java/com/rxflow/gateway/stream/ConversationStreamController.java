package com.rxflow.gateway.stream;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.gateway.auth.Caller;
import com.rxflow.gateway.conversation.ConversationBinding;
import com.rxflow.gateway.conversation.ConversationBindings;
import com.rxflow.gateway.conversation.ConversationState;
import com.rxflow.gateway.conversation.Transcript;
import com.rxflow.gateway.problem.InvalidRequestException;
import com.rxflow.gateway.reply.ReplyView;
import com.rxflow.platform.audit.AuditTrail;
import com.rxflow.platform.audit.Purpose;

/**
 * {@code GET /api/v1/conversations/{id}/stream}: the conversation's replies and state changes as
 * server-sent events, as they happen. A client that lost its connection sends the last event id it
 * saw ({@code Last-Event-ID}, the reply sequence) and gets every reply after it, replayed from the
 * processor's transcript, before the live ones. Opening or resuming a stream is an access to the
 * patient's data on the audit trail.
 */
@RestController
@Tag(name = "conversations")
class ConversationStreamController {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final ConversationBindings bindings;
    private final ConversationStreams streams;
    private final AuditTrail audit;

    ConversationStreamController(ConversationBindings bindings, ConversationStreams streams, AuditTrail audit) {
        this.bindings = bindings;
        this.streams = streams;
        this.audit = audit;
    }

    @GetMapping(path = "/api/v1/conversations/{conversationId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Stream the replies and state changes (server-sent events)",
            description = "Events: 'ready' once the stream is live; 'reply' (id = the reply's sequence, data = the"
                    + " reply as in the message answer); 'state' (data = {conversationId, state, step, at}) when a"
                    + " reply moves the conversation. With Last-Event-ID the replies after it are replayed first."
                    + " Idle streams get a comment every 15 s. A client that falls too far behind is dropped (the"
                    + " stream ends) and resumes with Last-Event-ID. 429 when the conversation or the key already"
                    + " has as many open streams as allowed.")
    SseEmitter stream(@PathVariable String conversationId,
            @Parameter(description = "The last reply sequence the client saw; the replies after it are replayed")
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
            @Parameter(hidden = true) Caller caller) {
        long after = parse(lastEventId);
        boolean resuming = lastEventId != null;
        if (!resuming) {
            ConversationBinding conversation = now(bindings.require(conversationId, caller));
            // a stream refused for the caps (429) is no access to the patient's data: opened before the audit
            ReplyStream stream = streams.open(conversationId, caller.rateLimitKey(), after, false);
            try {
                audit.record(caller.auditActor(), conversation.patientId(), AuditAction.STREAM_OPENED,
                        Purpose.conversation(conversationId), null);
            } catch (RuntimeException e) {
                streams.abandon(stream);
                throw e;
            }
            stream.ready();
            return stream.emitter();
        }
        ReplyStream stream = streams.open(conversationId, caller.rateLimitKey(), after, true);
        List<ReplyView> missed;
        try {
            // read after the stream is registered: a reply written meanwhile is held back, not lost
            ConversationState state = now(bindings.currentState(conversationId, caller));
            audit.record(caller.auditActor(), state.patientId(), AuditAction.STREAM_OPENED,
                    Purpose.conversation(conversationId), null);
            missed = Transcript.of(state).repliesAfter(after);
        } catch (RuntimeException e) {
            streams.abandon(stream);
            throw e;
        }
        stream.ready();
        stream.replay(missed);
        return stream.emitter();
    }

    /**
     * A stream is opened on the request thread (the emitter is its answer): a lookup still under way
     * (a conversation the processor has not seen yet) is waited for here.
     */
    private static <T> T now(CompletableFuture<T> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static long parse(String lastEventId) {
        if (lastEventId == null) {
            return 0;
        }
        try {
            long sequence = Long.parseLong(lastEventId.trim());
            if (sequence >= 0) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException(LAST_EVENT_ID, "must be the sequence number of a reply (0 or more)");
    }
}
