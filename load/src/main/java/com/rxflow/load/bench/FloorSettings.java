package com.rxflow.load.bench;

import java.util.Map;
import java.util.Properties;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import com.rxflow.launcher.RxflowServices;

/**
 * The client settings the Kafka floor copies from RxFlow, so the floor's hops are configured as
 * the turn's are: read from the services' own yml files (on the launcher's classpath) with the
 * benchmark's {@code --set} overrides on top.
 *
 * @param processorThreads        the processor's stream threads ({@code num.stream.threads}): the floor's processor relays
 * @param processorRetryBackoffMs the processor's producer {@code retry.backoff.ms}
 * @param toolsThreads            tools-service's listener threads ({@code rxflow.tools.listener.concurrency})
 * @param toolsRetryBackoffMs     tools-service's producer {@code retry.backoff.ms}
 */
record FloorSettings(int processorThreads, int processorRetryBackoffMs, int toolsThreads, int toolsRetryBackoffMs) {

    /** Kafka's own default of {@code retry.backoff.ms}. */
    static final int KAFKA_RETRY_BACKOFF_MS = 100;

    static final String STREAMS = "spring.kafka.streams.properties.";
    static final String TOOLS_PRODUCER = "spring.kafka.producer.properties.";

    static FloorSettings of(Map<String, Map<String, Object>> overrides) {
        Properties processor = yaml(RxflowServices.PROCESSOR, overrides);
        Properties tools = yaml(RxflowServices.TOOLS, overrides);
        return new FloorSettings(
                integer(processor, 1, STREAMS + "num.stream.threads"),
                integer(processor, KAFKA_RETRY_BACKOFF_MS, STREAMS + "producer.retry.backoff.ms", STREAMS + "retry.backoff.ms"),
                integer(tools, 1, "rxflow.tools.listener.concurrency"),
                integer(tools, KAFKA_RETRY_BACKOFF_MS, TOOLS_PRODUCER + "retry.backoff.ms"));
    }

    private static Properties yaml(String service, Map<String, Map<String, Object>> overrides) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(service + ".yml"));
        Properties properties = yaml.getObject();
        overrides.getOrDefault(service, Map.of()).forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
        return properties;
    }

    /** The first of the keys that is set, as a number; placeholders in the yml are not resolved here. */
    private static int integer(Properties properties, int otherwise, String... keys) {
        for (String key : keys) {
            String value = properties.getProperty(key);
            if (value != null) {
                return Integer.parseInt(value.strip());
            }
        }
        return otherwise;
    }
}
