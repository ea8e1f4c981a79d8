package com.rxflow.tools.invocation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.metrics.ToolMetrics;
import com.rxflow.tools.orders.OrderBook;
import com.rxflow.tools.registry.Publication;

/**
 * The Kafka shell around {@link ToolCommandHandler}: one tool command in, its answer out. The
 * container runs each record in a Kafka transaction (Boot gives it the transaction manager), so
 * the result, the records the tool publishes (an ORDER_PLACED for the pharmacy), the access on the
 * audit trail, the request-log entry and the command's offset commit together: a crash before the commit re-runs the command
 * and the aborted writes are never seen by read_committed consumers.
 *
 * <p>A command whose request id was already answered (a redelivery, a duplicate from upstream,
 * a command met again by another instance after a rebalance or a restart) is answered with the
 * first result from the {@link RequestLog} and its tool is not run again.
 */
@Component
public class ToolCommandListener implements ConsumerSeekAware {

    /** Listener container id, as the {@code kafkaListeners} health indicator reports it. */
    public static final String ID = "tool-commands";

    private static final Logger log = LoggerFactory.getLogger(ToolCommandListener.class);

    private final ToolCommandHandler handler;
    private final KafkaTemplate<String, Object> template;
    private final RequestLog requests;
    private final RequestLogLoader loader;
    private final OrderBook orders;
    private final ToolMetrics metrics;
    private final TopicCatalogue catalogue;
    private final ToolAccessAudit audit;
    private final String commandsTopic;
    private final String resultsTopic;

    public ToolCommandListener(ToolCommandHandler handler, KafkaTemplate<String, Object> template, RequestLog requests,
            RequestLogLoader loader, OrderBook orders, ToolMetrics metrics, TopicCatalogue catalogue,
            ToolAccessAudit audit) {
        this.audit = audit;
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

    @KafkaListener(id = ID, idIsGroup = false, topics = "#{__listener.commandsTopic}",
            concurrency = "${rxflow.tools.listener.concurrency:1}")
    public void onCommand(ConsumerRecord<String, ToolCommand> record) {
        ToolCommand command = record.value();
        if (command == null) {
            log.debug("Skipping an empty record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        String conversation = command.getMetadata().getConversationId();
        Optional<ToolResult> first = command.getInvokeTool() == null ? Optional.empty()
                : requests.answered(record.partition(), RequestLog.key(conversation, command.getInvokeTool().getRequestId()));
        long start = System.nanoTime();
        if (first.isPresent()) {
            log.debug("Request {} was answered before; answering again from its first result",
                    command.getInvokeTool().getRequestId());
            template.send(resultsTopic, conversation, first.get());
            metrics.answered(command.getInvokeTool().getTool(), first.get(), System.nanoTime() - start, true);
            return;
        }
        handler.handle(command).ifPresentOrElse(answer -> {
            metrics.answered(command.getInvokeTool().getTool(), answer.result(), System.nanoTime() - start, false);
            publish(record.partition(), conversation, command, answer);
        }, () -> log.debug("Skipping a {} command at {}-{}@{}", command.getType(), record.topic(),
                record.partition(), record.offset()));
    }

    private void publish(int partition, String conversation, ToolCommand command, Answer answer) {
        String key = RequestLog.key(conversation, command.getInvokeTool().getRequestId());
        template.send(resultsTopic, conversation, answer.result());
        audit.ran(command, answer.result());
        for (Publication publication : answer.publications()) {
            template.send(catalogue.name(publication.topic()), publication.key(), publication.value());
        }
        // same partition number as the command: the log is co-partitioned with tool-commands
        template.send(new ProducerRecord<>(loader.topic(), partition, key, answer.result()));
        afterCommit(() -> {
            requests.remember(partition, key, answer.result());
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
