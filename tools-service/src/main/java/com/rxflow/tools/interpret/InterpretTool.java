package com.rxflow.tools.interpret;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ResponseEntity;
import org.springframework.ai.chat.model.ChatResponse;

import com.rxflow.events.tools.InterpretQuery;
import com.rxflow.events.tools.InterpretationProposal;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.Provenance;
import com.rxflow.tools.registry.ToolFailure;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code interpret}: asks a language model what one patient message means (an intent from the
 * conversation's list, the medications it refers to, a strength, quantity or ZIP it states) and
 * answers with the model's proposal exactly as the model gave it.
 *
 * <p>The model only proposes. An intent that was not offered, a drug that is not on either list, a
 * strength that does not exist: all are passed through unchanged, because deciding what to believe
 * is the conversation processor's job, done deterministically against its own lists and rules, and
 * nothing here acts on the proposal. What this tool guarantees is the shape (JSON of the requested
 * schema, or {@code MODEL_INVALID_OUTPUT}), the time ({@code rxflow.llm.timeout}, or
 * {@code MODEL_TIMEOUT}), and that every way the model's service fails is a reason code, never an
 * exception that would roll the command back into the dead-letter topic.
 *
 * <p>The call runs on a thread of its own so the time limit holds whatever the HTTP client does
 * (a read timeout does not stop a server that trickles bytes); the clients' own timeouts, set a
 * little longer, only free the connection afterwards.
 */
public final class InterpretTool extends ContractTool<InterpretQuery, InterpretationProposal> implements AutoCloseable {

    private final ChatClient chat;
    private final LanguageModelProperties settings;
    private final String dataSource;
    private final ProposalConverter converter = new ProposalConverter();
    private final ExecutorService calls = Executors.newCachedThreadPool(new Named());

    public InterpretTool(ChatClient chat, LanguageModelProperties settings) {
        super(ToolContracts.INTERPRET);
        this.chat = chat;
        this.settings = settings;
        this.dataSource = settings.provider().id() + ":" + settings.effectiveBaseUrl();
    }

    @Override
    public ToolOutcome<InterpretationProposal> run(Invocation invocation, InterpretQuery query) {
        InterpretPrompt prompt = InterpretPrompt.of(query, invocation.requestId());
        Duration limit = settings.timeout();
        long started = System.nanoTime();
        Future<ResponseEntity<ChatResponse, ModelProposal>> call = calls.submit(() -> ask(prompt));
        ResponseEntity<ChatResponse, ModelProposal> answer;
        try {
            answer = call.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ToolFailure(FailureCode.MODEL_TIMEOUT,
                    "the language model did not answer within " + limit.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw ModelFailures.classify(e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ToolFailure(FailureCode.MODEL_TIMEOUT, "interrupted while the language model was asked");
        }
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        ModelProposal proposal = answer.entity();
        if (proposal == null) {
            throw new ToolFailure(FailureCode.MODEL_INVALID_OUTPUT, "the language model answered with no content");
        }
        String model = reportedModel(answer.response());
        return ToolOutcome.completed(InterpretationProposal.newBuilder()
                .setIntent(proposal.intent())
                .setMedications(List.copyOf(proposal.medications()))
                .setStrength(proposal.strength())
                .setQuantity(proposal.quantity())
                .setZip(proposal.zip())
                .setConfidence(proposal.confidence())
                .setProvider(settings.provider().id())
                .setModel(model)
                .setLatencyMs(latencyMs)
                .build(), new Provenance(dataSource, model));
    }

    /**
     * One request with the schema as the provider's own constraint (a strict JSON schema for
     * OpenAI, {@code format} for Ollama) rather than as text appended to the patient's message.
     */
    private ResponseEntity<ChatResponse, ModelProposal> ask(InterpretPrompt prompt) {
        return chat.prompt()
                .system(prompt.system())
                .user(prompt.user())
                .call()
                .responseEntity(converter, entity -> entity.useProviderStructuredOutput());
    }

    /** The model as the service names it (a tag may resolve to a dated version), else as configured. */
    private String reportedModel(ChatResponse response) {
        String reported = response == null || response.getMetadata() == null ? null : response.getMetadata().getModel();
        return reported == null || reported.isBlank() ? settings.model() : reported;
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    /** Daemon threads named after their job, so a thread dump tells a waiting model call apart. */
    private static final class Named implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "rxflow-llm-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
