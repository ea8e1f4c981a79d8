package com.rxflow.tools.invocation;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * The Kafka shell around {@link ToolCommandHandler}: one tool command in, its result out. The
 * container runs each record in a Kafka transaction (Boot gives it the transaction manager), so
 * the result and the command's offset commit together: a crash before the commit re-runs the
 * command and the aborted result is never seen by read_committed consumers.
 */
@Component
public class ToolCommandListener {

    /** Listener container id, as the {@code kafkaListeners} health indicator reports it. */
    public static final String ID = "tool-commands";

    private static final Logger log = LoggerFactory.getLogger(ToolCommandListener.class);

    private final ToolCommandHandler handler;
    private final KafkaTemplate<String, ToolResult> template;
    private final String commandsTopic;
    private final String resultsTopic;

    public ToolCommandListener(ToolCommandHandler handler, KafkaTemplate<String, ToolResult> template,
            TopicCatalogue catalogue) {
        this.handler = handler;
        this.template = template;
        this.commandsTopic = catalogue.name(TopicCatalogue.TOOL_COMMANDS);
        this.resultsTopic = catalogue.name(TopicCatalogue.TOOL_RESULTS);
    }

    /** The topic the listener reads, resolved by the {@code @KafkaListener} expression. */
    public String getCommandsTopic() {
        return commandsTopic;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = "#{__listener.commandsTopic}")
    public void onCommand(ConsumerRecord<String, ToolCommand> record) {
        if (record.value() == null) {
            log.debug("Skipping an empty record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        handler.handle(record.value()).ifPresentOrElse(
                result -> template.send(resultsTopic, result.getMetadata().getConversationId(), result),
                () -> log.debug("Skipping a {} command at {}-{}@{}", record.value().getType(),
                        record.topic(), record.partition(), record.offset()));
    }
}
