package com.rxflow.tools.invocation;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.observation.ObservationRegistry;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.metrics.ToolMetrics;
import com.rxflow.tools.orders.OrderBook;
import com.rxflow.tools.registry.Publication;

/**
 * The Kafka shell around {@link ToolCommandHandler}: tool commands in, their answers out. The
 * container runs each poll's batch in one Kafka transaction (Boot gives it the transaction
 * manager), so the results, the records the tools publish (an ORDER_PLACED for the pharmacy), the
 * accesses on the audit trail, the request-log entries and the commands' offsets commit together:
 * a crash before the commit re-runs the batch and the aborted writes are never seen by
 * read_committed consumers.
 *
 * <p>A command whose request id was already answered (a redelivery, a duplicate from upstream,
 * a command met again by another instance after a rebalance or a restart) is answered with the
 * first result from the {@link RequestLog} and its tool is not run again. An EXPIRED refusal is
 * not logged (see {@link Answer#settlesTheRequest()}), so the caller's next attempt may still run.
 */
@Component
public class ToolCommandListener implements ConsumerSeekAware {

    /** Listener container id, as the {@code kafkaListeners} health indicator reports it. */
    public static final String ID = "tool-commands";
    /** The bean that sets the container's manual acknowledgement, so a batch can hand back its tail. */
    static final String CONTAINER_POST_PROCESSOR = "toolCommandsContainerPostProcessor";

    private static final Logger log = LoggerFactory.getLogger(ToolCommandListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(ToolCommandListener.class);

    private final ToolCommandHandler handler;
    private final KafkaTemplate<String, Object> template;
    private final RequestLog requests;
    private final RequestLogLoader loader;
    private final OrderBook orders;
    private final ToolMetrics metrics;
    private final TopicCatalogue catalogue;
    private final ToolAccessAudit audit;
    private final DeadLetters deadLetters;
    private final Duration batchWindow;
    private final ObservationRegistry observations;
    private final String commandsTopic;
    private final String resultsTopic;

    public ToolCommandListener(ToolCommandHandler handler, KafkaTemplate<String, Object> template, RequestLog requests,
            RequestLogLoader loader, OrderBook orders, ToolMetrics metrics, TopicCatalogue catalogue,
            ToolAccessAudit audit, DeadLetters deadLetters,
            @Value("${rxflow.tools.listener.batch-window:500ms}") Duration batchWindow,
            ObjectProvider<ObservationRegistry> observations) {
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.batchWindow = batchWindow;
        this.handler = handler;
        this.template = template;
        this.requests = requests;
        this.loader = loader;
        this.orders = orders;
        this.metrics = metrics;
        this.catalogue = catalogue;
        this.commandsTopic = catalogue.name(TopicCatalogue.TOOL_COMMANDS);
        this.resultsTopic = catalogue.name(TopicCatalogue.TOOL_RESULTS);
    }

    /** The topic the listener reads, resolved by the {@code @KafkaListener} expression. */
    public String getCommandsTopic() {
        return commandsTopic;
    }

    /**
     * One poll's commands in one transaction: their results, accesses, request-log entries and
     * offsets commit together, so a poll of n commands costs one set of transaction markers, not n.
     * A record that cannot be read, or whose handling fails (a broken envelope; handling writes
     * nothing), goes to the dead-letter topic at once and the rest of the batch goes on. A new
     * command starts only within {@code batchWindow} of the batch's start; the rest are handed
     * back ({@code nack}) and come again in the next poll, so a
     * transaction holds at most that window plus one command's retry budget of tool time, under
     * {@code transaction.timeout.ms} as before. A failure while writing rolls the whole batch back:
     * the after-rollback processor retries it twice and then dead-letters every record of it; the
     * request log keeps a retried command from running its tool twice.
     */
    @KafkaListener(id = ID, idIsGroup = false, topics = "#{__listener.commandsTopic}",
            concurrency = "${rxflow.tools.listener.concurrency:1}", batch = "true",
            containerPostProcessor = CONTAINER_POST_PROCESSOR,
            properties = "max.poll.records=${rxflow.tools.listener.max-batch:50}")
    public void onCommands(List<ConsumerRecord<String, ToolCommand>> records, Acknowledgment ack,
            Consumer<?, ?> consumer) {
        long start = System.nanoTime();
        Map<String, ToolResult> answeredNow = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            if (i > 0 && System.nanoTime() - start > batchWindow.toNanos()) {
                log.debug("Handing back {} commands of a batch after {} ms", records.size() - i,
                        Duration.ofNanos(System.nanoTime() - start).toMillis());
                ack.nack(i, Duration.ZERO);
                return;
            }
            ConsumerRecord<String, ToolCommand> record = records.get(i);
            observed(record, () -> {
                DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
                if (unreadable != null) {
                    deadLetter(record, consumer, unreadable);
                } else {
                    onCommand(record, answeredNow, consumer);
                }
            });
        }
        ack.acknowledge();
    }

    /**
     * One record's work under the listener observation a record listener would have had (a batch
     * listener gets none from the container), so its trace continues from the command's headers
     * into the result, the order and the audit record.
     */
    private void observed(ConsumerRecord<String, ToolCommand> record, Runnable work) {
        KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, ID, () -> null), observations).observe(work);
    }

    /**
     * One command of a batch. {@code answeredNow} holds the batch's answers so far: a repeated
     * request id in one batch is answered from it, as one from an earlier batch is from the log.
     */
    private void onCommand(ConsumerRecord<String, ToolCommand> record, Map<String, ToolResult> answeredNow,
            Consumer<?, ?> consumer) {
        ToolCommand command = record.value();
        if (command == null) {
            log.debug("Skipping an empty record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        String conversation = command.getMetadata().getConversationId();
        String key = command.getInvokeTool() == null ? null
                : RequestLog.key(conversation, command.getInvokeTool().getRequestId());
        Optional<ToolResult> first = key == null ? Optional.empty()
                : Optional.ofNullable(answeredNow.get(key)).or(() -> requests.answered(record.partition(), key));
        long start = System.nanoTime();
        if (first.isPresent()) {
            log.debug("Request {} was answered before; answering again from its first result",
                    command.getInvokeTool().getRequestId());
            template.send(resultsTopic, conversation, first.get());
            metrics.answered(command.getInvokeTool().getTool(), first.get(), System.nanoTime() - start, true);
            return;
        }
        Optional<Answer> answered;
        try {
            answered = handler.handle(command);
        } catch (RuntimeException failed) {
            // a broken envelope, or a failure the runner did not turn into a ToolFailed; handling
            // writes nothing, so the command goes to the dead-letter topic alone and the batch goes on
            deadLetter(record, consumer, failed);
            return;
        }
        answered.ifPresentOrElse(answer -> {
            metrics.answered(command.getInvokeTool().getTool(), answer.result(), System.nanoTime() - start, false);
            publish(record.partition(), conversation, command, answer);
            if (answer.settlesTheRequest()) {
                answeredNow.put(key, answer.result());
            }
        }, () -> log.debug("Skipping a {} command at {}-{}@{}", command.getType(), record.topic(),
                record.partition(), record.offset()));
    }

    /**
     * To the dead-letter topic, with the headers a failure the container handled would have had
     * (the failure wrapped as the container wraps it, so the group id travels too).
     */
    private void deadLetter(ConsumerRecord<String, ToolCommand> record, Consumer<?, ?> consumer, Exception failure) {
        deadLetters.recoverer().accept(record, consumer,
                new ListenerExecutionFailedException("Listener failed", consumer.groupMetadata().groupId(), failure));
    }

    private void publish(int partition, String conversation, ToolCommand command, Answer answer) {
        String key = RequestLog.key(conversation, command.getInvokeTool().getRequestId());
        template.send(resultsTopic, conversation, answer.result());
        audit.ran(command, answer.result());
        for (Publication publication : answer.publications()) {
            template.send(catalogue.name(publication.topic()), publication.key(), publication.value());
        }
        if (answer.settlesTheRequest()) {
            // same partition number as the command: the log is co-partitioned with tool-commands
            template.send(new ProducerRecord<>(loader.topic(), partition, key, answer.result()));
        }
        afterCommit(() -> {
            if (answer.settlesTheRequest()) {
                requests.remember(partition, key, answer.result());
            }
            metrics.committed(answer.result(), answer.publications());
            answer.publications().stream().map(Publication::value).filter(PharmacyOrderEvent.class::isInstance)
                    .map(PharmacyOrderEvent.class::cast).forEach(orders::apply);
        });
    }

    /** Runs once the transaction committed; never for an aborted one, whose answer was never given. */
    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /**
     * Before the first command of a newly assigned partition is read, its request log is loaded:
     * on the consumer thread, during the rebalance, so no command can overtake it.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        List<TopicPartition> commands = assignments.keySet().stream().filter(p -> p.topic().equals(commandsTopic)).toList();
        if (commands.isEmpty()) {
            return;
        }
        int logPartitions = loader.partitions();
        for (TopicPartition partition : commands) {
            if (partition.partition() >= logPartitions) {
                throw new IllegalStateException("request log " + loader.topic() + " has " + logPartitions
                        + " partitions, fewer than " + commandsTopic + ": it must be co-partitioned with it");
            }
            requests.restore(partition.partition(), loader.load(partition.partition()));
            log.debug("Loaded {} answered requests of {}", requests.size(partition.partition()), partition);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.stream().filter(p -> p.topic().equals(commandsTopic)).forEach(p -> requests.forget(p.partition()));
    }
}
