package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.InterpretQuery;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.interpret.InterpretTool;
import com.rxflow.tools.interpret.LanguageModelProperties;
import com.rxflow.tools.invocation.TestCommands;
import com.rxflow.tools.registry.ToolRegistry;

/**
 * The service as shipped, with no language model setting at all: it starts without a key and
 * without any model (Spring AI's auto-configuration is on the class path and creates none), has no
 * {@code interpret} tool, and answers an {@code interpret} command {@code UNKNOWN_TOOL}, which the
 * conversation takes as "no model".
 */
@ToolsServiceKafkaTest
class InterpretOffKafkaTest {

    @Autowired
    private ConfigurableApplicationContext context;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private TopicCatalogue catalogue;

    @Test
    void byDefaultNoModelIsCreatedAndNoInterpretToolRegistered() {
        assertThat(context.getBean(LanguageModelProperties.class).mode()).isEqualTo(LanguageModelProperties.Mode.OFF);
        assertThat(context.getEnvironment().getProperty("spring.ai.model.chat")).isEqualTo("none");
        assertThat(context.getBeansOfType(ChatModel.class)).isEmpty();
        assertThat(context.getBeansOfType(InterpretTool.class)).isEmpty();
        assertThat(context.getBean(ToolRegistry.class).names()).doesNotContain("interpret").hasSize(16);
    }

    @Test
    void anInterpretCommandIsAnsweredUnknownToolOnTheResultsTopic() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        ToolCommand command = TestCommands.invokeTool(conversation, "patient_001", "interpret", InterpretQuery.newBuilder()
                .setText("refill my omeprazole").setIntents(List.of("REFILL_REQUEST", "OTHER")).build());

        clients.sendCommand(catalogue.name(TopicCatalogue.TOOL_COMMANDS), conversation, command);
        // the service is shared with the other broker tests; after ExpiredCommandsKafkaTest restarts its listener it
        // may still be rejoining its group and reloading its request log (once in CI this took more than 30 s)
        ConsumerRecord<String, ToolResult> answer = clients.awaitResults(catalogue.name(TopicCatalogue.TOOL_RESULTS),
                conversation, 1, Duration.ofSeconds(90)).get(0);

        assertThat(answer.value().getType()).isEqualTo(ToolResultType.TOOL_FAILED);
        assertThat(answer.value().getFailed().getReasonCode()).isEqualTo("UNKNOWN_TOOL");
        assertThat(answer.value().getFailed().getRetryable()).isFalse();
        assertThat(answer.value().getFailed().getRequestId()).isEqualTo(command.getInvokeTool().getRequestId());
    }
}
