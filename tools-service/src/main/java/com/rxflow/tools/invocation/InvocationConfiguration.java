package com.rxflow.tools.invocation;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import com.rxflow.platform.kafka.RxflowKafkaProperties;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.tool.ToolContract;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.orders.OrderBook;
import com.rxflow.tools.orders.OrderBookFeed;
import com.rxflow.tools.orders.OrderBookHealthIndicator;
import com.rxflow.tools.registry.Tool;
import com.rxflow.tools.registry.ToolRegistry;

/**
 * Every {@link Tool} bean becomes a registered tool (and every contract of {@code ToolContracts}
 * must have one, but for the {@linkplain #OPTIONAL_TOOLS optional} ones); commands are answered against that registry, each tool under its time limit,
 * and each request id at most once thanks to the request log.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvocationProperties.class)
public class InvocationConfiguration {

    /**
     * Contracts a deployment may leave without a tool: {@code interpret} runs only where a language
     * model is switched on, and a command for it is otherwise answered {@code UNKNOWN_TOOL}, which
     * the conversation takes as "no model".
     */
    static final Set<String> OPTIONAL_TOOLS = Set.of(ToolContracts.INTERPRET.name());

    /**
     * The tool-commands listener acknowledges its batch itself: all of it, or ({@code nack}) the
     * commands it started within its batch window, the rest coming again in the next poll. Inside
     * the container's transaction the acknowledged offsets commit with the batch's records.
     */
    @Bean(ToolCommandListener.CONTAINER_POST_PROCESSOR)
    ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>> manualAcks() {
        return container -> container.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ToolRegistry toolRegistry(List<Tool<?, ?>> tools) {
        ToolRegistry registry = new ToolRegistry(tools);
        TreeSet<String> missing = new TreeSet<>();
        for (ToolContract<?, ?> contract : ToolContracts.ALL) {
            if (OPTIONAL_TOOLS.contains(contract.name()) && registry.find(contract.name()).isEmpty()) {
                continue;
            }
            if (registry.find(contract.name()).filter(tool -> tool.argumentType() == contract.argumentType()
                    && tool.resultType() == contract.resultType()).isEmpty()) {
                missing.add(contract.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no tool (with the contract's types) for " + missing);
        }
        return registry;
    }

    @Bean(destroyMethod = "close")
    ToolRunner toolRunner(InvocationProperties properties) {
        return new ToolRunner(properties);
    }

    @Bean
    ToolCommandHandler toolCommandHandler(ToolRegistry registry, ToolRunner runner, Clock clock,
            InvocationProperties properties, AvroCodec codec) {
        return new ToolCommandHandler(registry, runner, clock, properties.zone(), codec);
    }

    @Bean
    RequestLog requestLog() {
        return new RequestLog();
    }

    @Bean
    RequestLogLoader requestLogLoader(ConsumerFactory<String, Object> consumers, InvocationProperties properties) {
        return new RequestLogLoader(consumers, properties.requestLog().topic());
    }

    /**
     * The request log: compacted (one entry per request id) and bounded in time (a request id is
     * remembered for the retention), with as many partitions as tool-commands.
     */
    @Bean
    NewTopic requestLogTopic(InvocationProperties properties, RxflowKafkaProperties kafka) {
        return TopicBuilder.name(properties.requestLog().topic())
                .partitions(kafka.topics().partitions())
                .replicas(kafka.topics().replicationFactor())
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(properties.requestLog().retention().toMillis())))
                .build();
    }

    @Bean
    OrderBookFeed orderBookFeed(ConsumerFactory<String, Object> consumers, TopicCatalogue catalogue, OrderBook book) {
        return new OrderBookFeed(consumers, catalogue.name(TopicCatalogue.PHARMACY_ORDERS), book);
    }

    /** {@code orderBook} in health: DOWN with the reason when the feed failed. */
    @Bean
    OrderBookHealthIndicator orderBookHealthIndicator(OrderBookFeed feed, OrderBook book) {
        return new OrderBookHealthIndicator(feed, book);
    }
}
