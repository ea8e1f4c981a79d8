package com.rxflow.tools.invocation;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.Tool;
import com.rxflow.tools.registry.ToolFailure;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * Runs one tool invocation under a time limit, retrying retryable failures (a timeout, a data
 * source that did not answer) with exponential backoff; the last failure is the answer. A tool
 * that breaks the limit is interrupted and answered TIMEOUT; the conversation can ask again. Any
 * other exception is a fault and propagates, so the listener rolls back, retries and dead-letters.
 *
 * <p>Every attempt together must stay well inside the Kafka transaction timeout of the listener
 * (attempts x timeout + backoff), or the transaction would be aborted under the tool's feet. The
 * retry budget enforces it: another attempt starts only when its backoff and its whole time limit
 * still fit in the budget, counted from the first attempt's start. A fast tool keeps all its
 * attempts; a slow one (a language model with a limit of seconds) gets no retry after a timeout
 * but still one after a quick refusal.
 */
public final class ToolRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ToolRunner.class);

    private final InvocationProperties properties;
    private final ExecutorService executor;

    public ToolRunner(InvocationProperties properties) {
        this.properties = properties;
        this.executor = Executors.newCachedThreadPool(new Named());
    }

    public <A extends SpecificRecord, R extends SpecificRecord> ToolOutcome<R> run(Tool<A, R> tool, Invocation invocation,
            A arguments) {
        ExponentialBackOff policy = new ExponentialBackOff(properties.retry().initialBackoff().toMillis(),
                properties.retry().multiplier());
        policy.setMaxInterval(properties.retry().maxBackoff().toMillis());
        policy.setMaxAttempts(properties.retry().maxAttempts() - 1);
        BackOffExecution backOff = policy.start();
        long started = System.nanoTime();
        while (true) {
            ToolOutcome<R> outcome = once(tool, invocation, arguments);
            if (!(outcome instanceof ToolOutcome.Failed<R> failed) || !failed.retryable()) {
                return outcome;
            }
            long wait = backOff.nextBackOff();
            if (wait == BackOffExecution.STOP) {
                return outcome;
            }
            Duration next = Duration.ofNanos(System.nanoTime() - started).plusMillis(wait)
                    .plus(properties.timeoutOf(tool.name()));
            if (next.compareTo(properties.retry().budget()) > 0) {
                log.debug("{} for request {} failed with {}; no retry, it could end {} ms after the first attempt, "
                        + "past the budget", tool.name(), invocation.requestId(), failed.code(), next.toMillis());
                return outcome;
            }
            log.debug("{} for request {} failed with {}; retrying in {} ms", tool.name(), invocation.requestId(),
                    failed.code(), wait);
            sleep(wait);
        }
    }

    private <A extends SpecificRecord, R extends SpecificRecord> ToolOutcome<R> once(Tool<A, R> tool, Invocation invocation,
            A arguments) {
        Duration limit = properties.timeoutOf(tool.name());
        Future<ToolOutcome<R>> running = executor.submit(() -> tool.run(invocation, arguments));
        try {
            return running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            return ToolOutcome.failed(FailureCode.TIMEOUT, tool.name() + " did not finish within " + limit.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ToolFailure failure) {
                return ToolOutcome.failed(failure.code(), failure.getMessage());
            }
            if (e.getCause() instanceof RuntimeException fault) {
                throw fault;
            }
            throw new IllegalStateException(tool.name() + " failed", e.getCause());
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + tool.name() + " ran", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Daemon threads named after their job, so a thread dump tells what a stuck tool is. */
    private static final class Named implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "rxflow-tool-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
