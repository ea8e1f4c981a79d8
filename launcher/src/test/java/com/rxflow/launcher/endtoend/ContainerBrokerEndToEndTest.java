package com.rxflow.launcher.endtoend;

import java.nio.file.Path;

import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import com.rxflow.launcher.broker.KafkaBroker;

/**
 * The same scenarios against Apache Kafka in a container, as an operator would run it. Skipped
 * where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerEndToEndTest extends EndToEndScenarios {

    @Override
    KafkaBroker broker(Path dataDir) {
        return new ContainerBroker(new KafkaContainer("apache/kafka:4.1.2"));
    }

    /** A Kafka container seen as the stack's broker. */
    private record ContainerBroker(KafkaContainer container) implements KafkaBroker {

        @Override
        public KafkaBroker start() {
            container.start();
            return this;
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public String description() {
            return "container " + container.getDockerImageName();
        }

        @Override
        public boolean isRunning() {
            return container.isRunning();
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
