package com.rxflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

import com.rxflow.launcher.broker.EmbeddedBroker;

class LocalStackTest {

    private final Path dataDir = Path.of("target", "local-stack-test", UUID.randomUUID().toString());
    private final EmbeddedBroker broker = new EmbeddedBroker(dataDir.resolve("kafka"), 0);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Test
    void startsTheBrokerThenEachServiceInOrderAndStopsThemInReverseBeforeTheBroker() throws Exception {
        LocalStack stack = stack(List.of(recorded("gateway", 18080), recorded("tools-service", 18083)));

        stack.start();
        assertThat(events).containsExactly("start gateway", "start tools-service");
        assertThat(output()).contains("kafka", broker.bootstrapServers(), "ready in",
                "gateway", "tools-service", "http://localhost:18080 (gateway)", "Ctrl-C");

        stack.close();
        assertThat(events).containsExactly("start gateway", "start tools-service",
                "stop tools-service (broker up: true)", "stop gateway (broker up: true)");
        assertThat(broker.isRunning()).isFalse();
        stack.awaitClose();
    }

    @Test
    void givesEveryServiceTheBrokerItsPortTheStateFolderTheLocalProfileAndTheSharedPseudonymKey() throws Exception {
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        ServiceDefinition service = new ServiceDefinition("escalation-service", 18081, properties -> {
            received.add(properties);
            return refreshed(new GenericApplicationContext());
        });

        try (LocalStack stack = stack(List.of(service)).start()) {
            String key = Files.readString(dataDir.resolve("state").resolve("pseudonym-key")).strip();
            assertThat(received).singleElement().satisfies(properties -> assertThat(properties).containsOnly(
                    entry("spring.kafka.bootstrap-servers", broker.bootstrapServers()),
                    entry("server.port", 18081),
                    entry("rxflow.streams.state-dir", dataDir.resolve("state").toString()),
                    entry("spring.profiles.active", "local"),
                    // one key for every service, kept in the data folder so pseudonyms survive a restart
                    entry("rxflow.logging.pseudonym-key", key)));
        }
    }

    @Test
    void stopsWhatAlreadyRunsWhenAServiceFailsToStart() {
        ServiceDefinition broken = new ServiceDefinition("tools-service", 18083, properties -> {
            throw new IllegalStateException("tools-service cannot start");
        });
        LocalStack stack = stack(List.of(recorded("gateway", 18080), broken));

        assertThatThrownBy(stack::start).hasMessage("tools-service cannot start");
        assertThat(events).containsExactly("start gateway", "stop gateway (broker up: true)");
        assertThat(broker.isRunning()).isFalse();
    }

    private LocalStack stack(List<ServiceDefinition> services) {
        return new LocalStack(broker, dataDir.resolve("state"), services,
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private ServiceDefinition recorded(String name, int port) {
        return new ServiceDefinition(name, port, properties -> {
            events.add("start " + name);
            GenericApplicationContext context = new GenericApplicationContext();
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) closed ->
                    events.add("stop " + name + " (broker up: " + broker.isRunning() + ")"));
            return refreshed(context);
        });
    }

    private static ConfigurableApplicationContext refreshed(GenericApplicationContext context) {
        context.refresh();
        return context;
    }

    private String output() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
